import type { Screen } from '../screen';
import { ImportScreen } from './ImportScreen';

export const importScreen: Screen = {
  path: '/import',
  title: 'Import',
  nav: 'Import',
  goKey: 'i',
  component: ImportScreen,
};
