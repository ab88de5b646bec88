// The email channel's contract: its settings (never a password: those go to the SecretStore
// through 'channels-secrets-set') and the state of the IMAP reply poller. The test message is
// 'channels-test' with channel 'email'. A partial settings document parses complete.
import { z } from 'zod';

/** tls = implicit TLS (465/993); starttls = upgrade required; none = plain (a relay on this machine). */
export const mailSecuritySchema = z.enum(['tls', 'starttls', 'none']);
export type MailSecurity = z.infer<typeof mailSecuritySchema>;

const hostSchema = z.string().trim().max(253);
const addressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .refine((s) => s === '' || /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s), 'not an email address');

export const emailSettingsSchema = z.object({
  smtp: z
    .object({
      host: hostSchema.default(''),
      port: z.number().int().min(1).max(65_535).default(587),
      security: mailSecuritySchema.default('starttls'),
      user: z.string().max(254).default(''),
    })
    .default({ host: '', port: 587, security: 'starttls', user: '' }),
  fromName: z.string().trim().max(100).default(''),
  fromAddress: addressSchema.default(''),
  /**
   * The mailbox the IMAP poller reads. Each lead gets a plus address on it (local+token@domain),
   * used as Reply-To and as the envelope sender, so replies and bounces come back here.
   */
  replyAddress: addressSchema.default(''),
  /** Where the sync server serves open pixels and click redirects; empty = no tracking. */
  trackingBaseUrl: z
    .string()
    .trim()
    .max(300)
    .refine((s) => s === '' || /^https?:\/\//.test(s), 'must start with http:// or https://')
    .default(''),
  imap: z
    .object({
      host: hostSchema.default(''),
      port: z.number().int().min(1).max(65_535).default(993),
      security: mailSecuritySchema.default('tls'),
      user: z.string().max(254).default(''),
      mailbox: z.string().min(1).max(200).default('INBOX'),
      pollSeconds: z.number().int().min(15).max(3600).default(60),
    })
    .default({ host: '', port: 993, security: 'tls', user: '', mailbox: 'INBOX', pollSeconds: 60 }),
});
export type EmailSettings = z.output<typeof emailSettingsSchema>;
export type EmailSettingsInput = z.input<typeof emailSettingsSchema>;

function withoutDefaults<S extends Record<string, z.ZodDefault<z.ZodType>>>(
  shape: S,
): { [K in keyof S]: ReturnType<S[K]['unwrap']> } {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.unwrap()])) as {
    [K in keyof S]: ReturnType<S[K]['unwrap']>;
  };
}

/** What the settings screen edits: the email settings plus the CAN-SPAM postal address. */
export const emailSettingsPatchSchema = z.object({
  // Without the defaults: a field left out keeps its saved value (zod applies a default even
  // inside .partial(), which would reset the host when only the port is sent).
  smtp: z.object(withoutDefaults(emailSettingsSchema.shape.smtp.unwrap().shape)).partial().optional(),
  imap: z.object(withoutDefaults(emailSettingsSchema.shape.imap.unwrap().shape)).partial().optional(),
  fromName: z.string().trim().max(100).optional(),
  fromAddress: addressSchema.optional(),
  replyAddress: addressSchema.optional(),
  trackingBaseUrl: emailSettingsSchema.shape.trackingBaseUrl.unwrap().optional(),
  /** Stored with the engine's sender settings, where the footer reads it. */
  physicalAddress: z.string().trim().max(300).optional(),
  /**
   * Where unsubscribe links point (the team server's address; the message id is appended).
   * Empty: the email says to reply "unsubscribe", which the reply reader takes as an opt-out.
   */
  unsubscribeUrlBase: z
    .string()
    .trim()
    .max(300)
    .refine((s) => s === '' || /^https:\/\/[^\s]+$/.test(s), 'must start with https:// (or stay empty)')
    .optional(),
});

export const emailArgs = {
  'email-settings-get': z.object({}).default({}),
  'email-settings-set': emailSettingsPatchSchema,
  'email-replies-status': z.object({}).default({}),
};

export interface EmailSettingsView {
  settings: EmailSettings;
  physicalAddress: string;
  unsubscribeUrlBase: string;
  /** What is still missing before email can be sent / replies read, in words (passwords aside). */
  sendingMissing: string[];
  repliesMissing: string[];
}

export interface ImapCheckpoint {
  host: string;
  user: string;
  mailbox: string;
  uidValidity: string;
  lastUid: number;
}

export interface EmailRepliesStatus {
  /** Whether a poller runs in this app (the shell starts it when IMAP is set up). */
  running: boolean;
  checkpoint: ImapCheckpoint | null;
  lastPollAt?: number;
  /** What went wrong on the last poll, without any secret. */
  lastError?: string;
  /** Since the app started. */
  replies: number;
  bounces: number;
  /** Bounces that referred to no message we sent: recorded, nothing suppressed. */
  ignoredBounces: number;
  unmatched: number;
}

export interface EmailResults {
  'email-settings-get': EmailSettingsView;
  'email-settings-set': EmailSettingsView;
  'email-replies-status': EmailRepliesStatus;
}

export interface EmailEvents {
  'email-settings-changed': { at: number };
}
