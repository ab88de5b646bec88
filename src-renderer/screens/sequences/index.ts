import { navScreen, type Screen } from '../screen';
import { SequencesScreen } from './SequencesScreen';

export const sequencesScreen = navScreen('Sequences', 's', SequencesScreen);

/** One sequence opened from elsewhere (a template's "used by" list). */
export const sequenceScreen: Screen = {
  path: '/sequences/:id',
  title: 'Sequence',
  component: SequencesScreen,
};
