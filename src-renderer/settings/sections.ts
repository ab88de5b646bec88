// Every section of Settings, one line each, in the order the screen lists them. A new section
// is a component taking SettingsSectionProps, its name in src-shared/settings-sections.ts and a
// line here.
import { AiSection } from './AiSection';
import { DemoSection } from './DemoSection';
import { DesktopSection } from './DesktopSection';
import { EmailSection } from './EmailSection';
import { FollowUpBossSection } from './FollowUpBossSection';
import { ListingsSection } from './ListingsSection';
import { ProfileSection } from './ProfileSection';
import { ScoringSection } from './ScoringSection';
import type { SettingsSection } from './section';
import { SendingRulesSection } from './SendingRulesSection';
import { SmsSection } from './SmsSection';
import { TeamSection } from './TeamSection';

export const settingsSections: readonly SettingsSection[] = [
  { id: 'profile', component: ProfileSection },
  { id: 'email', component: EmailSection },
  { id: 'texts', component: SmsSection },
  { id: 'ai', component: AiSection },
  { id: 'sending', component: SendingRulesSection },
  { id: 'scoring', component: ScoringSection },
  { id: 'team', component: TeamSection },
  { id: 'fub', component: FollowUpBossSection },
  { id: 'listings', component: ListingsSection },
  { id: 'demo', component: DemoSection },
  { id: 'desktop', component: DesktopSection },
];
