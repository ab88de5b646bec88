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
import type { RxDocument } from 'rxdb';
import { RxError } from 'rxdb';
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

export interface TransitionOptions {
  from?: readonly MessageStatus[];
  detail?: string;
  patch?: MessagePatch;
  /** Optional fields that no longer apply (a waiting reason once it goes out). */
  clear?: readonly ClearableField[];
  /** A status passed through in the same change (solo: claimed on the way to sending), kept in the history. */
  via?: MessageStatus;
}

/** The message after the move, or undefined when the table (or `from`) refuses it. */
function moved(
  current: Message,
  to: MessageStatus,
  at: number,
  options: TransitionOptions,
): Message | undefined {
  if (options.from !== undefined && !options.from.includes(current.status)) return undefined;
  const via = options.via;
  if (
    via === undefined
      ? !canTransition(current.status, to)
      : !canTransition(current.status, via) || !canTransition(via, to)
  )
    return undefined;
  const change =
    options.detail === undefined
      ? { status: to, at }
      : { status: to, at, detail: options.detail.slice(0, 200) };
  const kept = { ...current };
  for (const field of options.clear ?? []) delete kept[field];
  const passed = via === undefined ? [] : [{ status: via, at }];
  return {
    ...kept,
    ...options.patch,
    status: to,
    updatedAt: at,
    statusHistory: [...current.statusHistory, ...passed, change].slice(-HISTORY_LIMIT),
  };
}

/**
 * Moves a message to `to` if the table allows it from its current status (and, when `from` is
 * given, only from one of those). Returns the new document, or null when the move was refused.
 */
export async function transitionMessage(
  db: PorchlightDatabase,
  id: string,
  to: MessageStatus,
  at: number,
  options: TransitionOptions = {},
): Promise<Message | null> {
  const doc = await docById(db.messages, id);
  if (doc === null) return null;
  let next: Message | undefined;
  const updated = await doc.incrementalModify((current) => {
    next = moved(current, to, at, options);
    return next ?? current;
  });
  return next === undefined ? null : updated.toMutableJSON();
}

/**
 * The same move, made only if the message is still the revision `seen` was read at (RxDB writes
 * it with that revision as the expected one): null when the table refuses it or anything changed
 * the message since. The solo send pipeline checks a message as read, then claims it with this.
 */
export async function transitionSeen(
  seen: RxDocument<Message>,
  to: MessageStatus,
  at: number,
  options: TransitionOptions = {},
): Promise<Message | null> {
  const next = moved(seen.toMutableJSON(), to, at, options);
  if (next === undefined) return null;
  try {
    return (await seen.modify(() => next)).toMutableJSON();
  } catch (error) {
    if (error instanceof RxError && error.code === 'CONFLICT') return null;
    throw error;
  }
}
