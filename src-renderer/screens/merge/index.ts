import type { Screen } from '../screen';
import { MergeScreen } from './MergeScreen';

/** Reached from the grid's toolbar and with `g u`; not in the navigation bar. */
export const mergeScreen: Screen = {
  path: '/duplicates',
  title: 'Merge duplicates',
  goKey: 'u',
  component: MergeScreen,
};
