import { SettingsScreen } from '../../settings/SettingsScreen';
import type { Screen } from '../screen';

/** Settings, one address per section (`#/settings/email`); a bare `#/settings` opens the first. */
export const settingsScreen: Screen = {
  path: '/settings/:section',
  title: 'Settings',
  component: SettingsScreen,
};

export const settingsHomeScreen: Screen = {
  path: '/settings',
  title: 'Settings',
  component: SettingsScreen,
};
