// SY-S6 moving out of scope: when a document's owner changes away from an agent (a lead
// reassigned to a teammate), that agent's next pull carries a tombstone of it at the seq of the
// change, and their replica removes its copy. The tombstone is a schema-valid document of its
// collection with `_deleted: true` that keeps only ids, team, owner and times, tagged
// `reassigned`: the former owner learns nothing of the document's new state. Everyone who still
// sees the document keeps it; nothing is deleted on the server.
import { enrollmentTombstone, leadTombstone, messageTombstone, taskTombstone } from './erasure';
import type { WireDocument } from './protocol';

/** Tag carried by a scope-exit tombstone (a lead's tags, a message's error code, …). */
export const SCOPE_EXIT_TAG = 'reassigned';

type Doc = Record<string, unknown>;

/** The tombstone a reader who no longer sees `doc` gets in its place. */
export function scopeExitTombstone(collection: string, doc: Doc): WireDocument {
  const at = typeof doc.updatedAt === 'number' ? doc.updatedAt : 0;
  switch (collection) {
    case 'leads':
      return leadTombstone(doc, at, SCOPE_EXIT_TAG);
    case 'messages':
      return messageTombstone(doc, at, SCOPE_EXIT_TAG);
    case 'tasks':
      return taskTombstone(doc, at, SCOPE_EXIT_TAG);
    case 'enrollments':
      return enrollmentTombstone(doc, at, SCOPE_EXIT_TAG);
    default:
      // Only owned collections have owners to leave; any other keeps its keys alone.
      return { id: doc.id, teamId: doc.teamId, ownerId: doc.ownerId, updatedAt: at, _deleted: true };
  }
}

/** Whether a pulled document is a scope-exit tombstone rather than a deletion by its owner. */
export function isScopeExitTombstone(collection: string, doc: Doc): boolean {
  if (doc._deleted !== true) return false;
  switch (collection) {
    case 'leads':
      return Array.isArray(doc.tags) && doc.tags.includes(SCOPE_EXIT_TAG);
    case 'messages':
      return (
        typeof doc.error === 'object' && doc.error !== null && (doc.error as Doc).code === SCOPE_EXIT_TAG
      );
    case 'tasks':
      return doc.notes === SCOPE_EXIT_TAG;
    case 'enrollments':
      return doc.stopReason === SCOPE_EXIT_TAG;
    default:
      return false;
  }
}
