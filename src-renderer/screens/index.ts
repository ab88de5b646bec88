// Every screen of the app, one line each: the shell routes, titles and builds the navigation
// bar from this list (the first entry is where a bare address lands). See src-renderer/README.md.
import { analyticsScreen } from './analytics';
import { importScreen } from './import';
import { leadScreen } from './lead';
import { leadsScreen } from './leads';
import { mergeScreen } from './merge';
import { repliesScreen } from './replies';
import { todayScreen } from './today';
import type { Screen } from './screen';
import { sequenceScreen, sequencesScreen } from './sequences';
import { settingsHomeScreen, settingsScreen } from './settings';
import { startScreen } from './start';
import { templatesScreen } from './templates';

export const screens: readonly Screen[] = [
  leadsScreen,
  todayScreen,
  repliesScreen,
  leadScreen,
  mergeScreen,
  sequencesScreen,
  sequenceScreen,
  templatesScreen,
  analyticsScreen,
  importScreen,
  settingsScreen,
  settingsHomeScreen,
  startScreen,
];
