// The outbound message state machine. Every change goes through `transitionMessage`, which is
// atomic per document (RxDB's incrementalModify) and refuses a move the table does not allow,
// so two writers racing on one message cannot both win. Every change is kept in statusHistory.
//
//   scheduled -> claimed -> sending -> sent -> delivered | undelivered
//   sending -> failed | uncertain | scheduled (transient, the request never left: retry)
//   uncertain -> sent | delivered | undelivered | failed (reconciled) | scheduled (provider has
//                no trace, or the agent chose to send again) | cancelled (the agent chose not to)
//   claimed -> scheduled (crash before sending: safe) | failed (refused before sending: broken
//              template, demo lead on a real provider), and scheduled|claimed -> cancelled
//   claimed -> waiting_for_channel (the step's channel is not connected) -> scheduled (it
//              connected) | cancelled (a stop rule); claimed -> rerouted (a call step became a
//              task) | skipped (the lead cannot be reached on the channel, or it went stale)
//   scheduled -> sent | uncertain | failed: team mode only, when the team server refuses the
//              claim because another replica settled the message (engine/team-claims.ts)
//   claimed -> waiting_for_profile (the template needs an empty profile field) -> scheduled (the
//              profile was saved) | cancelled (a stop rule)
import type { Message, MessageStatus } from '../../../src-shared/domain';
import type { PorchlightDatabase } from '../store/collections';
import { docById } from '../store/by-id';

const allowed: Partial<Record<MessageStatus, readonly MessageStatus[]>> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['claimed', 'cancelled', 'scheduled', 'sent', 'uncertain', 'failed'],
  claimed: [
    'sending',
    'scheduled',
    'cancelled',
    'failed',
    'waiting_for_channel',
    'waiting_for_profile',
    'rerouted',
    'skipped',
  ],
  waiting_for_channel: ['scheduled', 'cancelled'],
  waiting_for_profile: ['scheduled', 'cancelled'],
  sending: ['sent', 'delivered', 'failed', 'uncertain', 'scheduled'],
  sent: ['delivered', 'undelivered', 'failed'],
  uncertain: ['sent', 'delivered', 'undelivered', 'failed', 'scheduled', 'cancelled'],
  delivered: [],
  undelivered: [],
  failed: [],
  rerouted: [],
  skipped: [],
};

export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return allowed[from]?.includes(to) ?? false;
}

const HISTORY_LIMIT = 50;

export type ClearableField = 'statusReason' | 'error' | 'plannedChannel';

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
  options: {
    from?: readonly MessageStatus[];
    detail?: string;
    patch?: MessagePatch;
    /** Optional fields that no longer apply (a waiting reason once it goes out). */
    clear?: readonly ClearableField[];
  } = {},
): Promise<Message | null> {
  const doc = await docById(db.messages, id);
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
    const kept = { ...current };
    for (const field of options.clear ?? []) delete kept[field];
    return {
      ...kept,
      ...options.patch,
      status: to,
      updatedAt: at,
      statusHistory: [...current.statusHistory, change].slice(-HISTORY_LIMIT),
    };
  });
  return moved ? updated.toMutableJSON() : null;
}
