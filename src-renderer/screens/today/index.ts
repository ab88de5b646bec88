import type { Screen } from '../screen';
import { TodayScreen } from './TodayScreen';

export const todayScreen: Screen = {
  path: '/today',
  title: 'Today',
  nav: 'Today',
  goKey: 't',
  shortcuts: [
    { keys: '↑ ↓  or  j k', does: 'Move between items' },
    { keys: 'Enter', does: 'Open the lead' },
    { keys: 'd', does: 'Mark the task done' },
    { keys: 's', does: 'It was sent (an uncertain send)' },
    { keys: 'x', does: 'Do not send it (an uncertain send)' },
  ],
  component: TodayScreen,
};
