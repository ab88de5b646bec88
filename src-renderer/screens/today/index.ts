import { listShortcuts, navScreen } from '../screen';
import { TodayScreen } from './TodayScreen';

export const todayScreen = navScreen(
  'Today',
  't',
  TodayScreen,
  listShortcuts(
    'items',
    { keys: 'd', does: 'Mark the task done' },
    { keys: 's', does: 'It was sent (an uncertain send)' },
    { keys: 'x', does: 'Do not send it (an uncertain send)' },
  ),
);
