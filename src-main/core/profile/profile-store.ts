// The agent's profile as stored: one settings document on this device ("agent-profile"), the
// voice of every message this app sends (decision 0342). Until it is first saved it reads from
// what older workspaces already had (the engine's sender settings, this agent's record), so an
// upgraded workspace keeps speaking with the name and number it had. Phones are stored E.164 and
// shown in the national format; emails lower-case.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { AgentProfile } from '../../../src-shared/ipc/profile';
import {
  PROFILE_FIELD_LABELS,
  PROFILE_SETTING_ID,
  agentProfileSchema,
} from '../../../src-shared/ipc/profile';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';
import { normalizeEmail, normalizePhone } from '../leads/contact';

function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

/** The profile an upgraded workspace starts with: its sender settings and this agent's record. */
async function inheritedProfile(ctx: CoreContext): Promise<AgentProfile> {
  const [engine, agent] = await Promise.all([
    readEngineSettings(ctx),
    ctx.db.agents.findOne(ctx.workspace.agentId).exec(),
  ]);
  const sender = engine.sender;
  return agentProfileSchema.parse({
    ...splitName(sender.agentName !== '' ? sender.agentName : (agent?.name ?? '')),
    phone: sender.agentPhone !== '' ? sender.agentPhone : (agent?.phone ?? ''),
    email: sender.agentEmail !== '' ? sender.agentEmail : (agent?.email ?? ''),
    brokerage: sender.teamName,
  });
}

export async function readProfile(ctx: CoreContext): Promise<AgentProfile> {
  const doc = await ctx.db.settings.findOne(PROFILE_SETTING_ID).exec();
  if (doc === null) return inheritedProfile(ctx);
  const parsed = agentProfileSchema.safeParse(doc.value);
  return parsed.success ? parsed.data : agentProfileSchema.parse({});
}

// Every message in the agent's voice formats the same profile phone: the last answer is kept.
let lastDisplayed: { phone: string; country: string; shown: string } | undefined;

/** The phone as a lead should read it: national format at home, international abroad. */
export function phoneForDisplay(phone: string, defaultCountry: string): string {
  if (phone === '') return '';
  if (lastDisplayed?.phone === phone && lastDisplayed.country === defaultCountry) return lastDisplayed.shown;
  const parsed = parsePhoneNumberFromString(phone, defaultCountry.toUpperCase() as CountryCode);
  const shown =
    parsed === undefined
      ? phone
      : parsed.country === defaultCountry.toUpperCase()
        ? parsed.formatNational()
        : parsed.formatInternational();
  lastDisplayed = { phone, country: defaultCountry, shown };
  return shown;
}

/** Saves the given fields; a phone or email that does not parse is refused beside its field. */
export async function writeProfile(ctx: CoreContext, patch: ValidArgs<'profile-set'>): Promise<AgentProfile> {
  const current = await readProfile(ctx);
  const next: AgentProfile = { ...current };
  const fieldErrors: Record<string, string> = {};
  for (const [key, raw] of Object.entries(patch) as [keyof AgentProfile, string | undefined][]) {
    if (raw === undefined) continue;
    const value = raw.trim();
    if (value !== '' && key === 'phone') {
      const phone = normalizePhone(value, ctx.workspace.defaultCountry);
      if (phone.ok) next.phone = phone.value;
      else fieldErrors.phone = `The ${phone.message}; write it with its area code, such as (512) 555-0100.`;
    } else if (value !== '' && key === 'email') {
      const email = normalizeEmail(value);
      if (email.ok) next.email = email.value;
      else fieldErrors.email = `The ${email.message}; write it as name@brokerage.com.`;
    } else next[key] = key === 'signature' ? raw.replace(/\s+$/, '').replace(/^\n+/, '') : value;
  }
  const errors = Object.keys(fieldErrors);
  if (errors.length > 0) {
    const names = errors.map((k) => PROFILE_FIELD_LABELS[k as keyof AgentProfile].toLowerCase());
    throw new PorchlightError(
      'validation',
      `The profile was not saved: check the ${names.join(' and ')}. Nothing else was changed.`,
      fieldErrors,
    );
  }
  const stored = agentProfileSchema.parse(next);
  await ctx.db.settings.upsert({
    id: PROFILE_SETTING_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: stored,
  });
  return stored;
}
