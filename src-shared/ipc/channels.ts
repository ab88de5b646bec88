// The channels feature's contract: the Twilio settings (non-secret: numbers, messaging
// service, WhatsApp template, the sync server's public URL for status callbacks, the HELP
// text), the secrets (set, delete, which are set; a value never comes back), and the
// "send a test message to me" check that reports exactly what the provider answered.
import { z } from 'zod';

const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number such as +15551230100');

export const TWILIO_SETTINGS_ID = 'channels.twilio';
export const DEFAULT_HELP_TEXT =
  'Porchlight: your agent will get back to you shortly. Reply STOP to opt out. Msg & data rates may apply.';

export const twilioSettingsSchema = z.object({
  /** The SMS sender number; or a messaging service picks one. */
  smsFrom: e164Schema.optional(),
  messagingServiceSid: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/, 'a messaging service SID (MG followed by 32 hex digits)')
    .optional(),
  /** The WhatsApp sender, E.164 without the "whatsapp:" prefix. */
  whatsappFrom: e164Schema.optional(),
  /** An approved WhatsApp template (ContentSid) sent when the 24-hour window is closed. */
  whatsappTemplateSid: z
    .string()
    .regex(/^HX[0-9a-fA-F]{32}$/, 'a content template SID (HX followed by 32 hex digits)')
    .optional(),
  /** The sync server's public base URL; with it, Twilio posts status callbacks there. */
  statusCallbackBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Sent back when a lead texts HELP or INFO. */
  helpText: z.string().min(1).max(320).default(DEFAULT_HELP_TEXT),
  /** Solo mode (no server): how often Twilio's message list is polled for replies. */
  pollSeconds: z.number().int().min(15).max(3600).default(60),
});
export type TwilioSettings = z.infer<typeof twilioSettingsSchema>;

/** Every secret Porchlight keeps (outside the database). */
export const secretNames = [
  'twilio.accountSid',
  'twilio.authToken',
  'smtp.password',
  'imap.password',
  'ai.apiKey',
  'followUpBoss.apiKey',
  'followUpBoss.systemKey',
  'sync.token',
  /** RESO Web API: a bearer token, or the OAuth2 client secret (decision 0841). */
  'reso.accessToken',
  'reso.clientSecret',
] as const;
export type SecretName = (typeof secretNames)[number];
export const secretNameSchema = z.enum(secretNames);

export const testableChannelSchema = z.enum(['sms', 'whatsapp', 'email']);
export type TestableChannel = z.infer<typeof testableChannelSchema>;

/** What a provider answered to a test send, word for word where it gave words. */
export interface ChannelTestResult {
  channel: TestableChannel;
  ok: boolean;
  /** The provider's id for the message (Twilio's SM… / MM… sid). */
  providerId?: string;
  /** The provider's status (Twilio: queued, accepted, sent, failed, ...). */
  status?: string;
  /** The provider's error code (Twilio's numeric codes, such as 21610). */
  errorCode?: string;
  /** The provider's own message, or what went wrong reaching it. */
  answer: string;
  /** Where the provider documents the error. */
  moreInfo?: string;
  httpStatus?: number;
}

/** One provider connection as a person reads it. */
export const connectionStates = ['connected', 'failed', 'not_configured'] as const;
export type ConnectionState = (typeof connectionStates)[number];
export interface ChannelConnection {
  state: ConnectionState;
  /** "connected", "failed: <the provider's words>", or "not configured: <what is missing>". */
  text: string;
  /** When this state was reached (epoch ms). */
  at: number;
}
export const connectionNames = ['email', 'email_replies', 'sms', 'whatsapp'] as const;
export type ConnectionName = (typeof connectionNames)[number];
export type ChannelConnections = Record<ConnectionName, ChannelConnection>;

export const channelArgs = {
  'channels-twilio-settings-get': z.object({}).default({}),
  'channels-twilio-settings-set': twilioSettingsSchema.partial().extend({
    /** Names of settings to clear (optional fields only). */
    clear: z
      .array(
        z.enum([
          'smsFrom',
          'messagingServiceSid',
          'whatsappFrom',
          'whatsappTemplateSid',
          'statusCallbackBaseUrl',
        ]),
      )
      .default([]),
  }),
  'channels-secrets-names': z.object({}).default({}),
  'channels-secrets-set': z.object({ name: secretNameSchema, value: z.string().min(1).max(4096) }),
  'channels-secrets-delete': z.object({ name: secretNameSchema }),
  /** Sends a real test message to `to` and reports what the provider answered. */
  'channels-test': z.object({ channel: testableChannelSchema, to: z.string().min(3).max(254) }),
  /** Each provider's connection now: changes to settings or keys reconnect it in place. */
  'channels-status': z.object({}).default({}),
};

export interface ChannelResults {
  'channels-twilio-settings-get': TwilioSettings;
  'channels-twilio-settings-set': TwilioSettings;
  'channels-secrets-names': { names: z.infer<typeof secretNameSchema>[] };
  'channels-secrets-set': { names: z.infer<typeof secretNameSchema>[] };
  'channels-secrets-delete': { names: z.infer<typeof secretNameSchema>[] };
  'channels-test': ChannelTestResult;
  'channels-status': ChannelConnections;
}

export interface ChannelEvents {
  'channels-changed': Record<string, never>;
  'channels-status-changed': ChannelConnections;
}
