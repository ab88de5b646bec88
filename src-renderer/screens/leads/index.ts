import type { Screen } from '../screen';
import { LeadsScreen } from './LeadsScreen';

export const leadsScreen: Screen = {
  path: '/leads',
  title: 'Leads',
  nav: 'Leads',
  goKey: 'l',
  shortcuts: [
    { keys: '/', does: 'Search leads' },
    { keys: 'n', does: 'New lead' },
    { keys: '↑ ↓ PageUp PageDown Home End', does: 'Move through the grid' },
    { keys: 'Enter', does: 'Open the lead' },
  ],
  component: LeadsScreen,
};
