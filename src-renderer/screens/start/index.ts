import type { Screen } from '../screen';
import { StartScreen } from './StartScreen';

export const startScreen: Screen = {
  path: '/start',
  title: 'Getting started',
  component: StartScreen,
};
