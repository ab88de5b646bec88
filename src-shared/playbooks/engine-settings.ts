// The follow-up engine's team settings (one `settings` document, id "engine"). Every field has
// a default, so a missing or partial document still parses into a complete configuration.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { channelSchema } from '../domain/base';
import { localTimeSchema } from '../domain/sequence';

export const ENGINE_SETTINGS_ID = 'engine';

const windowSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  .refine((w) => w.start < w.end, { message: 'the end must be after the start', path: ['end'] });
const perMinute = (value: number) =>
  z
    .number({ error: 'a whole number of sends a minute' })
    .int('a whole number of sends a minute')
    .min(1, 'at least 1 a minute (pause a sequence to stop sending)')
    .max(1_000_000, 'at most 1,000,000 a minute')
    .default(value);

export const engineSettingsSchema = z.object({
  /** Allowed hours in the lead's zone. */
  quietHours: windowSchema.default({ start: '08:00', end: '21:00' }),
  /** Narrower windows by US state (Florida FTSA, Oklahoma OTSA: 8 a.m.–8 p.m.). */
  stateQuietHours: z
    .record(z.string().max(2), windowSchema)
    .default({ FL: { start: '08:00', end: '20:00' }, OK: { start: '08:00', end: '20:00' } }),
  /** Luxon weekdays (1 = Monday) with automatic sends. */
  sendWeekdays: z
    .array(z.number().int().min(1).max(7))
    .min(1, 'choose at least one day with automatic sends')
    .default([1, 2, 3, 4, 5, 6, 7]),
  /** Team holidays, "yyyy-MM-dd": no automatic sends, not counted as business days. */
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written yyyy-mm-dd, such as 2026-12-25'))
    .max(400)
    .default([]),
  /** Where a lead is assumed to be when neither its zone nor a listed country is known. */
  teamTimeZone: z
    .string()
    .max(64)
    .refine((zone) => IANAZone.isValidZone(zone), 'a time zone such as America/Chicago')
    .default('America/New_York'),
  /** Sends per minute per channel; the dispatcher never exceeds them (no bursts on catch-up). */
  rateLimits: z
    .object({
      sms: perMinute(60),
      whatsapp: perMinute(60),
      email: perMinute(120),
      call: perMinute(600),
      notification: perMinute(120),
    })
    .default({ sms: 60, whatsapp: 60, email: 120, call: 600, notification: 120 }),
  /**
   * The fallback a new step on each channel starts with in the builder. A step falls back only
   * where it says so (DESIGN §9), so this changes no step already saved.
   */
  fallbackDefaults: z.partialRecord(channelSchema, z.array(channelSchema).max(4)).default({}),
  /** A speed-to-lead step more than this late (the app was closed) is skipped, not sent. */
  staleFirstTouchHours: z.number().min(1).max(720).default(24),
  retry: z
    .object({
      maxRetries: z.number().int().min(0).max(20).default(5),
      baseDelaySeconds: z.number().min(1).max(3600).default(30),
      maxDelaySeconds: z.number().min(1).max(86_400).default(3600),
    })
    .default({ maxRetries: 5, baseDelaySeconds: 30, maxDelaySeconds: 3600 }),
  /** A provider call that has not answered by then is treated as uncertain. */
  sendTimeoutSeconds: z.number().min(1).max(600).default(30),
  sender: z
    .object({
      agentName: z.string().max(100).default(''),
      agentPhone: z.string().max(40).default(''),
      agentEmail: z.string().max(254).default(''),
      teamName: z.string().max(100).default(''),
      /** CAN-SPAM: the postal address printed in every email. */
      physicalAddress: z.string().max(300).default(''),
      /** The message id is appended; served by the sync server. */
      unsubscribeUrlBase: z.string().max(300).default(''),
    })
    .default({
      agentName: '',
      agentPhone: '',
      agentEmail: '',
      teamName: '',
      physicalAddress: '',
      unsubscribeUrlBase: '',
    }),
  /** Where a positive reply moves the lead. */
  nurtureSequenceId: z.string().max(64).default('builtin-long-term-nurture'),
  /** A reactivation that got no answer runs again after this many days. */
  reactivationIntervalDays: z.number().int().min(1).max(365).default(30),
  /** true: automatic texts need consent "granted"; false: anything but "revoked" (inbound inquiry). */
  requireExplicitSmsConsent: z.boolean().default(false),
  /** Local time of the daily aged-lead scan, in the team's zone. */
  dailyScanAt: localTimeSchema.default('07:30'),
});
export type EngineSettings = z.output<typeof engineSettingsSchema>;
export type EngineSettingsInput = z.input<typeof engineSettingsSchema>;

export function parseEngineSettings(value: unknown): EngineSettings {
  const parsed = engineSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : engineSettingsSchema.parse({});
}
