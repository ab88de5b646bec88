// What leaves this desktop (docs/sync.md, SY-S5): every replicated collection's documents of
// the team, except demo records (fictional, this desktop's alone) and device-only settings
// (channel connections, AI endpoint, spend ledger, this sync membership). Secrets never enter a
// document, so they cannot leave.
import type { RxCollection } from 'rxdb';
import type { CollectionName, PorchlightDatabase } from '../store/collections';

export const replicatedCollections = [
  'leads',
  'messages',
  'sequences',
  'enrollments',
  'templates',
  'tasks',
  'suppressions',
  'agents',
  'settings',
  'scoring_models',
  'listings',
] as const satisfies readonly CollectionName[];
export type ReplicatedCollection = (typeof replicatedCollections)[number];

/** Settings that are the team's: `engine`, and ids under `team.`. */
export function isTeamSetting(id: string): boolean {
  return id === 'engine' || id.startsWith('team.');
}

/** Whether this document goes to the team's server. */
export function isPushable(
  collection: ReplicatedCollection,
  doc: Record<string, unknown>,
  teamId: string,
): boolean {
  if (doc.teamId !== teamId || doc.demo === true) return false;
  if (collection === 'settings') return typeof doc.id === 'string' && isTeamSetting(doc.id);
  return true;
}

/** Tag carried by an erased lead's tombstone (SY-E3): purge the person, do not bin them. */
export const ERASED_TAG = 'erased';

/** Prefix of a suppression's address when only its hash is kept (SY-E2). */
export const HASHED_ADDRESS_PREFIX = 'sha256:';

export function isErasedLead(doc: Record<string, unknown>): boolean {
  return doc._deleted === true && Array.isArray(doc.tags) && doc.tags.includes(ERASED_TAG);
}

/** A replicated collection with its documents as plain records (replication sees them so). */
export type PlainCollection = RxCollection<Record<string, unknown>>;

export function plainCollection(db: PorchlightDatabase, name: ReplicatedCollection): PlainCollection {
  // Every collection's documents are records with string keys; RxDB's generic is invariant.
  return db[name] as unknown as PlainCollection;
}
