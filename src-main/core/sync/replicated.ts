// What crosses between this desktop and the team's server (docs/sync.md, SY-S5, SY-C4): every
// replicated collection's documents of the team, except demo records (fictional, this
// desktop's alone) and device-only settings (channel connections, AI endpoint, spend ledger,
// this sync membership). Secrets never enter a document, so they cannot leave. The same rule
// holds the other way: a device-only setting the server sends is never written here (an older
// server, or one that stored a setting some other client pushed, could send one).
// The lists and rules are the shared ones (src-shared/sync), so the desktop and the server
// cannot drift apart.
import type { RxCollection } from 'rxdb';
import { ERASED_TAG } from '../../../src-shared/sync/erasure';
import { isTeamSetting, REPLICATED_COLLECTIONS } from '../../../src-shared/sync/collections';
import type { CollectionName, PorchlightDatabase } from '../store/collections';

export const replicatedCollections = REPLICATED_COLLECTIONS satisfies readonly CollectionName[];
export type ReplicatedCollection = (typeof replicatedCollections)[number];

/** Whether this document goes to the team's server. */
export function isPushable(
  collection: ReplicatedCollection,
  doc: Record<string, unknown>,
  teamId: string,
): boolean {
  if (doc.teamId !== teamId || doc.demo === true) return false;
  return isSharedDocument(collection, doc);
}

/**
 * Whether a document may travel at all, in either direction: every document but device-only
 * settings. The pull side drops the others before they reach the store (SY-C4).
 */
export function isSharedDocument(collection: ReplicatedCollection, doc: Record<string, unknown>): boolean {
  if (collection !== 'settings') return true;
  return typeof doc.id === 'string' && isTeamSetting(doc.id);
}

export function isErasedLead(doc: Record<string, unknown>): boolean {
  return doc._deleted === true && Array.isArray(doc.tags) && doc.tags.includes(ERASED_TAG);
}

/** A replicated collection with its documents as plain records (replication sees them so). */
export type PlainCollection = RxCollection<Record<string, unknown>>;

export function plainCollection(db: PorchlightDatabase, name: ReplicatedCollection): PlainCollection {
  // Every collection's documents are records with string keys; RxDB's generic is invariant.
  return db[name] as unknown as PlainCollection;
}
