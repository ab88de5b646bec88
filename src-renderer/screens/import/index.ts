import { navScreen } from '../screen';
import { ImportScreen } from './ImportScreen';

export const importScreen = navScreen('Import', 'i', ImportScreen);
