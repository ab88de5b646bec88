// The email settings document ("email") and the IMAP checkpoint ("email-imap-checkpoint").
// Passwords are never here (SecretStore). The reply-token key is: it is not a provider
// credential but a team-wide value every replica must share so that any replica can read the
// plus addresses another one wrote (decision 0331). It is made once, on first read.
import { randomBytes } from 'node:crypto';
import type { EmailSettings, EmailSettingsInput, ImapCheckpoint } from '../../../src-shared/ipc/email';
import { emailSettingsSchema } from '../../../src-shared/ipc/email';
import type { CoreContext } from '../context';

export const EMAIL_SETTINGS_ID = 'email';
export const IMAP_CHECKPOINT_ID = 'email-imap-checkpoint';

export interface StoredEmailSettings {
  settings: EmailSettings;
  /** 32 random bytes, base64url: the key of the lead reply tokens. */
  replyTokenKey: string;
}

function parseStored(value: unknown): { settings: EmailSettings; replyTokenKey?: string } {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const parsed = emailSettingsSchema.safeParse(record);
  const key = record.replyTokenKey;
  return {
    settings: parsed.success ? parsed.data : emailSettingsSchema.parse({}),
    ...(typeof key === 'string' && key.length >= 43 ? { replyTokenKey: key } : {}),
  };
}

async function write(ctx: CoreContext, stored: StoredEmailSettings): Promise<void> {
  await ctx.db.settings.upsert({
    id: EMAIL_SETTINGS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: { ...stored.settings, replyTokenKey: stored.replyTokenKey },
  });
}

export async function readEmailSettings(ctx: CoreContext): Promise<StoredEmailSettings> {
  const doc = await ctx.db.settings.findOne(EMAIL_SETTINGS_ID).exec();
  const { settings, replyTokenKey } = parseStored(doc?.value);
  if (replyTokenKey !== undefined) return { settings, replyTokenKey };
  const stored = { settings, replyTokenKey: randomBytes(32).toString('base64url') };
  await write(ctx, stored);
  return stored;
}

export async function writeEmailSettings(
  ctx: CoreContext,
  next: (current: EmailSettings) => EmailSettingsInput,
): Promise<StoredEmailSettings> {
  const current = await readEmailSettings(ctx);
  const stored = {
    settings: emailSettingsSchema.parse(next(current.settings)),
    replyTokenKey: current.replyTokenKey,
  };
  await write(ctx, stored);
  return stored;
}

/** What is still missing before email can be sent, in words a settings screen can show. */
export function sendingMissing(settings: EmailSettings, hasPassword = true): string[] {
  return [
    settings.smtp.host === '' ? 'the SMTP server' : '',
    settings.fromAddress === '' ? 'the From address' : '',
    settings.smtp.user !== '' && !hasPassword ? 'the SMTP password' : '',
  ].filter((s) => s !== '');
}

export function repliesMissing(settings: EmailSettings, hasPassword = true): string[] {
  return [
    settings.imap.host === '' ? 'the IMAP server' : '',
    settings.imap.user === '' ? 'the IMAP user' : '',
    !hasPassword ? 'the IMAP password' : '',
    settings.replyAddress === '' ? 'the reply address' : '',
  ].filter((s) => s !== '');
}

export async function readImapCheckpoint(ctx: CoreContext): Promise<ImapCheckpoint | null> {
  const doc = await ctx.db.settings.findOne(IMAP_CHECKPOINT_ID).exec();
  const value = doc?.value;
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<ImapCheckpoint>;
  if (
    typeof v.host !== 'string' ||
    typeof v.user !== 'string' ||
    typeof v.mailbox !== 'string' ||
    typeof v.uidValidity !== 'string' ||
    typeof v.lastUid !== 'number'
  )
    return null;
  return { host: v.host, user: v.user, mailbox: v.mailbox, uidValidity: v.uidValidity, lastUid: v.lastUid };
}

export async function writeImapCheckpoint(ctx: CoreContext, checkpoint: ImapCheckpoint): Promise<void> {
  await ctx.db.settings.upsert({
    id: IMAP_CHECKPOINT_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: checkpoint,
  });
}
