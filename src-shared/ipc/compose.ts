// The composer's contract: what a one-off text, WhatsApp or email from the agent would do now
// (the quiet-hours verdict in the lead's own zone, the exact text after placeholders), and
// sending it through the outbox like every other message, so the same claim, stop rules,
// suppressions and exactly-once hold.
import { z } from 'zod';
import type { Message } from '../domain';
import { idSchema, longTextSchema, shortTextSchema } from '../domain';

export const composeChannelSchema = z.enum(['sms', 'whatsapp', 'email']);
export type ComposeChannel = z.infer<typeof composeChannelSchema>;

export const composeArgs = {
  'compose-check': z.object({ leadId: idSchema, channel: composeChannelSchema }),
  /** `now` is refused inside the lead's quiet hours; `next_allowed` waits for their window. */
  'compose-send': z.object({
    leadId: idSchema,
    channel: composeChannelSchema,
    subject: shortTextSchema.optional(),
    body: longTextSchema.min(1),
    templateId: idSchema.optional(),
    authoredBy: z.enum(['human', 'ai', 'template']).default('human'),
    when: z.enum(['now', 'next_allowed']).default('now'),
    /** Photos to send as media on a text or WhatsApp message (public https:// addresses). */
    mediaUrls: z
      .array(
        z.url({ protocol: /^https$/, message: 'A photo is sent from an https:// address only.' }).max(1000),
      )
      .max(10)
      .optional(),
  }),
};

export interface ComposeCheck {
  /** The lead's zone the verdict was read in (the first, when the zone is only a country's). */
  zone: string;
  /** Wall time in that zone now, "HH:mm". */
  localTime: string;
  allowedNow: boolean;
  /** The first minute a send may go, in epoch ms (now when allowed). */
  nextAllowedAt: number;
  /** That minute on the lead's clock, e.g. "Tue 08:00". */
  nextAllowedLocal: string;
  /** Where the message would go; absent with `unreachable` saying why. */
  to?: string;
  unreachable?: string;
}

export interface ComposeResults {
  'compose-check': ComposeCheck;
  'compose-send': Message;
}
