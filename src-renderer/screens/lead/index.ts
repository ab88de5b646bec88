import type { Screen } from '../screen';
import { LeadScreen } from './LeadScreen';

export const leadScreen: Screen = {
  path: '/leads/:id',
  title: 'Lead',
  shortcuts: [
    { keys: 'e', does: 'Edit the lead' },
    { keys: 'Backspace', does: 'Back to where you came from' },
  ],
  component: LeadScreen,
};
