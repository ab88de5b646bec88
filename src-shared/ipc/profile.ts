// The agent's profile contract: who the messages speak as (name, phone, email, brokerage,
// licence number, signature, office address). Built-in templates read it through the
// {{agent.*}}, {{brokerage}} and {{office_address}} placeholders; a message that needs an empty
// field waits (decision 0342). A partial document parses complete; every field may be empty.
import { z } from 'zod';
import { settingsPlace } from '../settings-sections';

export const PROFILE_SETTING_ID = 'agent-profile';
/** Where a person fills the profile (the Settings tab's own name). */
export const PROFILE_SETTINGS_SECTION = settingsPlace('profile');

const text = (max: number) => z.string().trim().max(max).default('');

export const agentProfileSchema = z.object({
  firstName: text(60),
  lastName: text(60),
  /** E.164 once saved (normalised by core); shown in the agent's national format. */
  phone: text(40),
  email: text(254),
  brokerage: text(100),
  /** The licence number as the state writes it (e.g. "DRE #01234567"). */
  licence: text(60),
  /** The closing lines of every email; empty: built from name, brokerage, licence and phone. */
  signature: text(600),
  /** The postal address printed in every email (CAN-SPAM); empty: the one in Settings → Email. */
  officeAddress: text(300),
});
export type AgentProfile = z.output<typeof agentProfileSchema>;
export type AgentProfileField = keyof AgentProfile;

export const PROFILE_FIELD_LABELS: Record<AgentProfileField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone',
  email: 'Email',
  brokerage: 'Brokerage',
  licence: 'Licence number',
  signature: 'Email signature',
  officeAddress: 'Office address',
};

export const profileArgs = {
  'profile-get': z.object({}).default({}),
  /** Fields left out keep their saved value; an empty string clears a field. */
  'profile-set': z.object({
    firstName: z.string().max(60).optional(),
    lastName: z.string().max(60).optional(),
    phone: z.string().max(40).optional(),
    email: z.string().max(254).optional(),
    brokerage: z.string().max(100).optional(),
    licence: z.string().max(60).optional(),
    signature: z.string().max(600).optional(),
    officeAddress: z.string().max(300).optional(),
  }),
};

export interface AgentProfileView {
  profile: AgentProfile;
  /** The phone as leads read it (national format at home). */
  phoneDisplay: string;
  /** The signature as emails carry it (the written one, or the one built from the fields). */
  signature: string;
  /** The office address emails carry (the profile's, or the one from Settings → Email). */
  officeAddress: string;
  /** Fields the built-in templates need that are still empty, as labels. */
  missing: string[];
  /** Messages held until the profile has what they need. */
  waiting: number;
}

export interface ProfileResults {
  'profile-get': AgentProfileView;
  'profile-set': AgentProfileView;
}

export interface ProfileEvents {
  'profile-changed': { at: number };
}
