import type { Screen } from '../screen';
import { TemplatesScreen } from './TemplatesScreen';

export const templatesScreen: Screen = {
  path: '/templates',
  title: 'Templates',
  nav: 'Templates',
  goKey: 'm',
  component: TemplatesScreen,
};
