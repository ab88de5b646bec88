// What a shell wires for email (adapters/connect-channels.ts): the Mailer for the engine, the
// tester for 'channels-test', and the reply poller. Settings are read from the store on every
// send and poll, so a change in Settings applies without a restart.
import type { CoreContext } from '../../core/context';
import { readEmailSettings, repliesMissing, sendingMissing } from '../../core/email/settings';
import type { Mailer } from '../../core/ports/channels';
import type { ChannelTester } from '../../core/ports/channel-tester';
import type { SecretStore } from '../../core/ports/secret-store';
import type { ImapReplies } from './imap-replies';
import { startImapReplies as startPoller } from './imap-replies';
import type { SmtpMailerOptions } from './smtp-mailer';
import { createSmtpMailer as createMailer, sendTestEmail, verifySmtp } from './smtp-mailer';

export type { ImapReplies } from './imap-replies';
export type { EmailConfig, SmtpMailerOptions } from './smtp-mailer';

export interface EmailDeps {
  secrets: Pick<SecretStore, 'get'>;
}

function optionsFor(ctx: CoreContext, deps: EmailDeps): SmtpMailerOptions {
  return { settings: () => readEmailSettings(ctx), secrets: deps.secrets, clock: ctx.clock };
}

/** The engine's Mailer on the store's email settings (it reaches leads). */
export function createSmtpMailer(ctx: CoreContext, deps: EmailDeps): Mailer & { close(): void } {
  return createMailer(optionsFor(ctx, deps));
}

/** 'channels-test' for email: sends one message to `to` and returns the SMTP server's answer. */
export function emailTester(ctx: CoreContext, deps: EmailDeps): ChannelTester {
  return (to) => sendTestEmail(optionsFor(ctx, deps), to);
}

/** Logs in to the SMTP server without sending: null when it works, otherwise the server's words. */
export function verifyEmailSending(ctx: CoreContext, deps: EmailDeps): Promise<string | null> {
  return verifySmtp(optionsFor(ctx, deps));
}

/** What sending still needs (empty: set up). */
export async function emailSendingMissing(ctx: CoreContext, deps: EmailDeps): Promise<string[]> {
  const { settings } = await readEmailSettings(ctx);
  return sendingMissing(settings, (await deps.secrets.get('smtp.password')) !== undefined);
}

/** What replies still need (empty: set up). */
export async function emailRepliesMissing(ctx: CoreContext, deps: EmailDeps): Promise<string[]> {
  const { settings } = await readEmailSettings(ctx);
  return repliesMissing(settings, (await deps.secrets.get('imap.password')) !== undefined);
}

/** Whether sending is set up now (connect the Mailer only then, so channel choice falls back). */
export async function isEmailSendingConfigured(ctx: CoreContext, deps: EmailDeps): Promise<boolean> {
  const { settings } = await readEmailSettings(ctx);
  return sendingMissing(settings, (await deps.secrets.get('smtp.password')) !== undefined).length === 0;
}

/** Starts the IMAP reply poller when replies are set up; otherwise returns null. */
export async function startImapReplies(ctx: CoreContext, deps: EmailDeps): Promise<ImapReplies | null> {
  const { settings } = await readEmailSettings(ctx);
  const hasPassword = (await deps.secrets.get('imap.password')) !== undefined;
  if (repliesMissing(settings, hasPassword).length > 0) return null;
  return startPoller(ctx, { secrets: deps.secrets });
}
