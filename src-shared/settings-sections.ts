// The sections of Settings, named once. The settings screen shows them under these names at
// `#/settings/<id>`, and every message that a setting fixes names its section through
// `settingsPlace`, so the words a person reads always match a section that exists.
export const settingsSectionNames = {
  profile: 'Profile',
  email: 'Email',
  texts: 'Text messages and WhatsApp',
  ai: 'AI',
  sending: 'Sending rules',
  scoring: 'Scoring',
  team: 'Team',
  fub: 'Follow Up Boss',
  listings: 'Listings',
  demo: 'Demo data',
  desktop: 'Desktop',
} as const;

export type SettingsSectionId = keyof typeof settingsSectionNames;

/** "Settings → Email": where a person goes to fix something. */
export function settingsPlace(id: SettingsSectionId): string {
  return `Settings → ${settingsSectionNames[id]}`;
}

/** The screen's address of a section (`/settings/email`). */
export function settingsPath(id: SettingsSectionId): string {
  return `/settings/${id}`;
}

export function isSettingsSectionId(value: string): value is SettingsSectionId {
  return Object.hasOwn(settingsSectionNames, value);
}
