// "Forget a person" (docs/sync.md, SY-E*). The server replaces every document of an erased
// lead with a tombstone that keeps only ids, team, owner and times, so replicas learn of the
// erasure by ordinary pull and drop the person from their own store, history included.
// The tombstones are schema-valid documents of their collection with `_deleted: true`.
import type { WireDocument } from './protocol';

/** Tag carried by an erased lead's tombstone: a replica purges rather than bins it (SY-E3). */
export const ERASED_TAG = 'erased';
/** Prefix of a suppression's `address` when only a hash of the address is kept (SY-E2). */
export const HASHED_ADDRESS_PREFIX = 'sha256:';
/** The collections whose documents hang off a lead by `leadId` and are erased with it. */
export const LEAD_HISTORY_COLLECTIONS = ['messages', 'tasks', 'enrollments'] as const;

type Doc = Record<string, unknown>;

function keep(doc: Doc, now: number): WireDocument {
  return {
    id: doc.id,
    teamId: doc.teamId,
    ownerId: doc.ownerId,
    updatedAt: Math.max(now, typeof doc.updatedAt === 'number' ? doc.updatedAt + 1 : 0),
    demo: doc.demo === true,
    _deleted: true,
  };
}

/**
 * The tombstones below keep ids, team, owner and times, and put `tag` where the collection has
 * room for a word (a lead's tags, a message's error code, a task's notes, an enrollment's stop
 * reason): `erased` for an erasure, `reassigned` for a document that left a reader's scope
 * (scope-exit.ts).
 */
export function leadTombstone(lead: Doc, now: number, tag: string): WireDocument {
  return {
    ...keep(lead, now),
    firstName: '',
    lastName: '',
    nameKey: '',
    timeZone: 'UTC',
    timeZoneSource: 'unknown',
    stage: 'lost',
    source: 'other',
    intent: 'unknown',
    score: 0,
    temperature: 'cold',
    tags: [tag],
    consent: { sms: 'revoked', whatsapp: 'revoked', email: 'revoked' },
    createdAt: 0,
    lastContactAt: 0,
    deletedAt: now,
  };
}

export function messageTombstone(message: Doc, now: number, tag: string): WireDocument {
  return {
    ...keep(message, now),
    leadId: message.leadId,
    direction: message.direction === 'inbound' ? 'inbound' : 'outbound',
    channel: 'note',
    status: 'cancelled',
    createdAt: 0,
    body: '',
    attempt: 0,
    authoredBy: 'human',
    statusHistory: [],
    error: { code: tag, message: '' },
  };
}

export function taskTombstone(task: Doc, now: number, tag: string): WireDocument {
  return {
    ...keep(task, now),
    leadId: task.leadId,
    kind: 'todo',
    title: '',
    dueAt: 0,
    status: 'cancelled',
    notes: tag,
  };
}

export function enrollmentTombstone(enrollment: Doc, now: number, tag: string): WireDocument {
  return {
    ...keep(enrollment, now),
    leadId: enrollment.leadId,
    sequenceId: enrollment.sequenceId,
    sequenceVersion: typeof enrollment.sequenceVersion === 'number' ? enrollment.sequenceVersion : 1,
    status: 'stopped',
    nextStepIndex: 0,
    startedAt: 0,
    anchorAt: 0,
    cycle: 0,
    stopReason: tag,
    stoppedAt: now,
  };
}

export const erasedLead = (lead: Doc, now: number): WireDocument => leadTombstone(lead, now, ERASED_TAG);
export const erasedMessage = (message: Doc, now: number): WireDocument =>
  messageTombstone(message, now, ERASED_TAG);
export const erasedTask = (task: Doc, now: number): WireDocument => taskTombstone(task, now, ERASED_TAG);
export const erasedEnrollment = (enrollment: Doc, now: number): WireDocument =>
  enrollmentTombstone(enrollment, now, ERASED_TAG);

/** SY-E4: a tombstone left by an erasure; no push may bring the document back. */
export function isErasureTombstone(collection: string, doc: Doc): boolean {
  if (doc._deleted !== true) return false;
  switch (collection) {
    case 'leads':
      return Array.isArray(doc.tags) && doc.tags.includes(ERASED_TAG);
    case 'messages':
      return typeof doc.error === 'object' && doc.error !== null && (doc.error as Doc).code === ERASED_TAG;
    case 'tasks':
      return doc.notes === ERASED_TAG;
    case 'enrollments':
      return doc.stopReason === ERASED_TAG;
    default:
      return false;
  }
}
