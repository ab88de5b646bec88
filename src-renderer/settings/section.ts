// What a settings section declares: which named section it is (src-shared/settings-sections)
// and the component that edits it. Every section gets the same props: the names of the secrets
// saved (a secret is never read back, only "saved") and a way to say it saved one.
import type { ComponentType } from 'react';
import type { SettingsSectionId } from '../../src-shared/settings-sections';

export interface SettingsSectionProps {
  saved: ReadonlySet<string>;
  onSaved: () => void;
}

export interface SettingsSection {
  id: SettingsSectionId;
  component: ComponentType<SettingsSectionProps>;
}
