// The Twilio channel settings (settings document "channels.twilio"). Non-secret only: the
// account SID and auth token live in the SecretStore.
import type { TwilioSettings } from '../../../src-shared/ipc/channels';
import { TWILIO_SETTINGS_ID, twilioSettingsSchema } from '../../../src-shared/ipc/channels';
import type { CoreContext } from '../context';

export async function readTwilioSettings(ctx: Pick<CoreContext, 'db'>): Promise<TwilioSettings> {
  const doc = await ctx.db.settings.findOne(TWILIO_SETTINGS_ID).exec();
  // A document written by a newer or broken client falls back to the defaults field by field.
  const parsed = twilioSettingsSchema.safeParse(doc?.value ?? {});
  return parsed.success ? parsed.data : twilioSettingsSchema.parse({});
}

export async function writeTwilioSettings(
  ctx: CoreContext,
  patch: Partial<TwilioSettings>,
  clear: readonly (keyof TwilioSettings)[] = [],
): Promise<TwilioSettings> {
  const next: Record<string, unknown> = { ...(await readTwilioSettings(ctx)), ...patch };
  for (const key of clear) delete next[key];
  const value = twilioSettingsSchema.parse(next);
  await ctx.db.settings.upsert({
    id: TWILIO_SETTINGS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value,
  });
  return value;
}
