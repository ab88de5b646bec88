// The placeholders that read the agent's profile, what each needs in words, and the signature
// an email carries when the agent wrote none. A profile placeholder has no silent fallback in
// the built-in templates: an empty field refuses the message, naming the field and where to
// fill it, so a lead never reads "your agent".
import type { AgentProfile } from '../ipc/profile';
import { PROFILE_SETTINGS_SECTION } from '../ipc/profile';

export const PROFILE_PLACEHOLDERS = [
  'agent.first_name',
  'agent.last_name',
  'agent.name',
  'agent.phone',
  'agent.email',
  'agent.signature',
  'agent.licence',
  'brokerage',
  'office_address',
] as const;
export type ProfilePlaceholder = (typeof PROFILE_PLACEHOLDERS)[number];

/** What each placeholder needs from the profile, as the person filling it would say it. */
export const PROFILE_NEEDS: Record<ProfilePlaceholder, string> = {
  'agent.first_name': 'your first name',
  'agent.last_name': 'your last name',
  'agent.name': 'your name',
  'agent.phone': 'your phone number',
  'agent.email': 'your email address',
  'agent.signature': 'an email signature (or your name and phone, which make one)',
  'agent.licence': 'your licence number',
  brokerage: 'your brokerage',
  office_address: 'your office address',
};

export function isProfilePlaceholder(name: string): name is ProfilePlaceholder {
  return (PROFILE_PLACEHOLDERS as readonly string[]).includes(name);
}

export function missingProfileMessage(names: readonly ProfilePlaceholder[]): string {
  const needs = names.map((n) => PROFILE_NEEDS[n]);
  const list =
    needs.length === 1 ? (needs[0] ?? '') : `${needs.slice(0, -1).join(', ')} and ${needs.at(-1) ?? ''}`;
  const tokens = names.map((n) => `{{${n}}}`).join(', ');
  return `This message needs ${list} (${tokens}), which your profile does not have yet: fill ${names.length === 1 ? 'it' : 'them'} in ${PROFILE_SETTINGS_SECTION}.`;
}

export function agentFullName(profile: Pick<AgentProfile, 'firstName' | 'lastName'>): string {
  return [profile.firstName, profile.lastName].filter((part) => part !== '').join(' ');
}

/**
 * The agent's written signature, or one made of name, brokerage, licence and phone. Empty when
 * neither the signature nor a name and a phone are there.
 */
export function signatureOf(profile: AgentProfile, phoneDisplay: string): string {
  if (profile.signature !== '') return profile.signature;
  const name = agentFullName(profile);
  if (name === '' || phoneDisplay === '') return '';
  const firm = [profile.brokerage, profile.licence === '' ? '' : `Licence ${profile.licence}`]
    .filter((part) => part !== '')
    .join(' · ');
  return [name, firm, phoneDisplay, profile.email].filter((line) => line !== '').join('\n');
}
