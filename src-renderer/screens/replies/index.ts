import { listShortcuts, navScreen } from '../screen';
import { RepliesScreen } from './RepliesScreen';

export const repliesScreen = navScreen(
  'Replies',
  'r',
  RepliesScreen,
  listShortcuts('replies', { keys: 'r', does: 'Write an answer to the reply' }),
);
