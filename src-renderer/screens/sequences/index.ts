import type { Screen } from '../screen';
import { SequencesScreen } from './SequencesScreen';

export const sequencesScreen: Screen = {
  path: '/sequences',
  title: 'Sequences',
  nav: 'Sequences',
  goKey: 's',
  component: SequencesScreen,
};

/** One sequence opened from elsewhere (a template's "used by" list). */
export const sequenceScreen: Screen = {
  path: '/sequences/:id',
  title: 'Sequence',
  component: SequencesScreen,
};
