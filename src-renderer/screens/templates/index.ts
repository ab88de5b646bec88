import { navScreen } from '../screen';
import { TemplatesScreen } from './TemplatesScreen';

export const templatesScreen = navScreen('Templates', 'm', TemplatesScreen);
