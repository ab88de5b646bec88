import type { Screen } from '../screen';
import { RepliesScreen } from './RepliesScreen';

export const repliesScreen: Screen = {
  path: '/replies',
  title: 'Replies',
  nav: 'Replies',
  goKey: 'r',
  shortcuts: [
    { keys: '↑ ↓  or  j k', does: 'Move between replies' },
    { keys: 'r', does: 'Write an answer to the reply' },
    { keys: 'Enter', does: 'Open the lead' },
  ],
  component: RepliesScreen,
};
