import { navScreen } from '../screen';
import { LeadsScreen } from './LeadsScreen';

export const leadsScreen = navScreen('Leads', 'l', LeadsScreen, [
  { keys: '/', does: 'Search leads' },
  { keys: 'n', does: 'New lead' },
  { keys: '↑ ↓ PageUp PageDown Home End', does: 'Move through the grid' },
  { keys: 'Space', does: 'Select the lead (Shift: the range to it)' },
  { keys: 'Enter', does: 'Open the lead' },
  { keys: '← →', does: 'On a column edge: make the column narrower or wider' },
]);
