// The outbound message state machine. Every change goes through `transitionMessage`, which is
// atomic per document (RxDB's incrementalModify) and refuses a move the table does not allow,
// so two writers racing on one message cannot both win. Every change is kept in statusHistory.
//
//   scheduled -> claimed -> sending -> sent -> delivered | undelivered
//   sending -> failed | uncertain | scheduled (transient, the request never left: retry)
//   uncertain -> sent | delivered | undelivered | failed (reconciled) | scheduled (provider has
//                no trace, or the agent chose to send again) | cancelled (the agent chose not to)
//   claimed -> scheduled (crash before sending: safe) | failed (refused before sending: no channel,
//              broken template, demo lead on a real provider), and scheduled|claimed -> cancelled
import type { Message, MessageStatus } from '../../../src-shared/domain';
import type { PorchlightDatabase } from '../store/collections';

const allowed: Partial<Record<MessageStatus, readonly MessageStatus[]>> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['claimed', 'cancelled', 'scheduled'],
  claimed: ['sending', 'scheduled', 'cancelled', 'failed'],
  sending: ['sent', 'delivered', 'failed', 'uncertain', 'scheduled'],
  sent: ['delivered', 'undelivered', 'failed'],
  uncertain: ['sent', 'delivered', 'undelivered', 'failed', 'scheduled', 'cancelled'],
  delivered: [],
  undelivered: [],
  failed: [],
};

export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return allowed[from]?.includes(to) ?? false;
}

const HISTORY_LIMIT = 50;

export type MessagePatch = Partial<Omit<Message, 'id' | 'status' | 'statusHistory'>>;

/**
 * Moves a message to `to` if the table allows it from its current status (and, when `from` is
 * given, only from one of those). Returns the new document, or null when the move was refused.
 */
export async function transitionMessage(
  db: PorchlightDatabase,
  id: string,
  to: MessageStatus,
  at: number,
  options: { from?: readonly MessageStatus[]; detail?: string; patch?: MessagePatch } = {},
): Promise<Message | null> {
  const doc = await db.messages.findOne(id).exec();
  if (doc === null) return null;
  let moved = false;
  const updated = await doc.incrementalModify((current) => {
    moved = false;
    if (options.from !== undefined && !options.from.includes(current.status)) return current;
    if (!canTransition(current.status, to)) return current;
    moved = true;
    const change =
      options.detail === undefined
        ? { status: to, at }
        : { status: to, at, detail: options.detail.slice(0, 200) };
    return {
      ...current,
      ...options.patch,
      status: to,
      updatedAt: at,
      statusHistory: [...current.statusHistory, change].slice(-HISTORY_LIMIT),
    };
  });
  return moved ? updated.toMutableJSON() : null;
}
