// A provider's status reports for an outbound message (Twilio's status callbacks, or polling
// in solo mode), recorded monotonically: the provider's lifecycle
//   accepted|scheduled|queued (1) -> sending (2) -> sent (3) -> delivered|undelivered|failed (4) -> read (5)
// only moves forward, whatever order reports arrive in (Twilio does not promise order).
// Steps 1-3 happen after our own `sent` (the API accepted it), so they are kept in the
// message's history ("twilio: queued") without changing its status; delivered, undelivered
// and failed change the status, with the provider's reason. A report for a message still
// `sending` is left to the send's own answer (the send pipeline records it); an `uncertain`
// message is settled by it, as start-up reconciliation would.
import type { Message } from '../../../src-shared/domain';
import {
  PROVIDER_STATUS_RANK as RANK,
  PROVIDER_TERMINAL_STATUS as TERMINAL,
  REPORTABLE_STATUSES,
  recordedProviderRank as recordedRank,
} from '../../../src-shared/sms/twilio-status';
import type { CoreContext } from '../context';
import { advanceEnrollment } from '../enrollments/materialise';
import { optOutEverywhere } from '../messages/opt-out-everywhere';
import { transitionMessage } from '../messages/outbox-state';

export interface ProviderStatusReport {
  /** Our message id, when the provider echoes it back (in the status callback URL). */
  messageId?: string;
  /** The provider's message id (Twilio's SM…/MM… sid). */
  providerId: string;
  status: string;
  /** Provider name for the history entry ("twilio"). */
  provider: string;
  /** Already explained by the adapter: { code: 'twilio_30003', message: 'Unreachable handset …' }. */
  error?: { code: string; message: string };
  /** The provider says the recipient opted out (Twilio 21610): suppressed exactly like a STOP. */
  optedOut?: boolean;
}

export type ProviderStatusOutcome = 'recorded' | 'stale' | 'pending' | 'not_found' | 'unknown_status';

async function findMessage(ctx: CoreContext, report: ProviderStatusReport): Promise<Message | null> {
  if (report.messageId !== undefined) {
    const doc = await ctx.db.messages.findOne(report.messageId).exec();
    if (doc !== null) return doc.toMutableJSON();
  }
  const doc = await ctx.db.messages.findOne({ selector: { providerId: report.providerId } }).exec();
  return doc === null ? null : doc.toMutableJSON();
}

export async function recordProviderStatus(
  ctx: CoreContext,
  report: ProviderStatusReport,
): Promise<ProviderStatusOutcome> {
  const rank = RANK[report.status];
  if (rank === undefined) return 'unknown_status';
  const message = await findMessage(ctx, report);
  if (message === null || message.direction !== 'outbound') return 'not_found';
  if (!REPORTABLE_STATUSES.includes(message.status)) return 'pending';
  if (rank <= recordedRank(message, report.provider)) return 'stale';
  const now = ctx.clock.now();
  const detail = `${report.provider}: ${report.status}${report.error === undefined ? '' : ` (${report.error.message})`}`;
  const terminal = TERMINAL[report.status];

  if (terminal === undefined || (message.status !== 'sent' && message.status !== 'uncertain')) {
    // Progress before delivery, or `read` after it: history only, status unchanged.
    const doc = await ctx.db.messages.findOne(message.id).exec();
    let written = false;
    await doc?.incrementalModify((current) => {
      written = rank > recordedRank(current, report.provider);
      if (!written) return current;
      return {
        ...current,
        updatedAt: now,
        statusHistory: [
          ...current.statusHistory,
          { status: current.status, at: now, detail: detail.slice(0, 200) },
        ].slice(-50),
      };
    });
    if (!written) return 'stale';
    return 'recorded';
  }

  const wasUncertain = message.status === 'uncertain';
  const moved = await transitionMessage(ctx.db, message.id, terminal, now, {
    from: ['sent', 'uncertain'],
    detail,
    patch: {
      providerId: report.providerId,
      ...(report.error === undefined
        ? {}
        : { error: { code: report.error.code.slice(0, 40), message: report.error.message.slice(0, 200) } }),
    },
  });
  if (moved === null) return 'stale';
  if (report.optedOut === true && terminal !== 'delivered')
    await optOutEverywhere(ctx, moved.leadId, {
      reason: 'provider_opt_out',
      detail: report.error?.message ?? `${report.provider}: the recipient opted out`,
      ...(moved.to === undefined ? {} : { address: moved.to }),
    });
  // An uncertain send held its enrollment; now that the provider has told, it moves on.
  if (wasUncertain && terminal !== 'failed') await advanceEnrollment(ctx, moved, now);
  return 'recorded';
}
