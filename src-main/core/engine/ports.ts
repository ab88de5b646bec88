// What a shell hands the engine: the channel senders it has connected, the claim authority
// (solo when absent) and the calendar for daily jobs (node-schedule when absent).
import type { CalendarJobs } from '../ports/calendar';
import type { Mailer, Notifier, SmsSender, WhatsAppSender } from '../ports/channels';
import type { ClaimAuthority } from '../ports/claim-authority';

export interface EnginePorts {
  sms?: SmsSender;
  whatsapp?: WhatsAppSender;
  mailer?: Mailer;
  notifier?: Notifier;
  /** Team mode passes the sync server's; solo mode uses a local atomic transition. */
  claims?: ClaimAuthority;
  /** Daily jobs; defaults to node-schedule on the wall clock. Tests pass one driven by the Clock. */
  calendar?: CalendarJobs;
}
