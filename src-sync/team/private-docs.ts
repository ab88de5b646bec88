// Server-private records of a team (its secrets, API keys, idempotency answers, received Follow
// Up Boss events) kept in the documents table under collection names starting "server.". No
// replication route serves them (only the collections of src-shared/sync replicate), and they
// work unchanged on SQLite and PostgreSQL. They hold no lead's personal data except received
// Follow Up Boss events (ids and links, which the importer fetches and then removes).
import type { WireDocument } from '../../src-shared/sync';
import type { ServerStorage } from '../storage/server-storage';

export type PrivateCollection =
  | 'server.secrets'
  | 'server.api_keys'
  | 'server.idempotency'
  | 'server.fub_events'
  | 'server.intake_addresses';

export async function readPrivate(
  storage: ServerStorage,
  teamId: string,
  collection: PrivateCollection,
  id: string,
): Promise<WireDocument | null> {
  const found = (await storage.readDocuments(teamId, collection, [id])).get(id);
  return found === undefined || found.doc._deleted ? null : found.doc;
}

export async function writePrivate(
  storage: ServerStorage,
  teamId: string,
  collection: PrivateCollection,
  id: string,
  fields: Record<string, unknown>,
  options: { onlyIfAbsent?: boolean } = {},
): Promise<boolean> {
  return storage.writeDocuments(teamId, collection, [id], (current) => {
    const existing = current.get(id);
    if (options.onlyIfAbsent === true && existing !== undefined && !existing.doc._deleted)
      return { writes: [], result: false };
    return { writes: [{ id, ownerId: null, doc: { ...fields, id, _deleted: false } }], result: true };
  });
}

export async function deletePrivate(
  storage: ServerStorage,
  teamId: string,
  collection: PrivateCollection,
  id: string,
): Promise<void> {
  await storage.deleteDocuments(teamId, collection, [id]);
}

export async function listPrivate(
  storage: ServerStorage,
  teamId: string,
  collection: PrivateCollection,
  limit = 1000,
): Promise<WireDocument[]> {
  const rows = await storage.changesSince(teamId, collection, 0, limit, null);
  return rows.map((row) => row.doc).filter((doc) => !doc._deleted);
}

/** Live records kept after position `afterSeq`, in the order kept, and the last position read. */
export async function listPrivateAfter(
  storage: ServerStorage,
  teamId: string,
  collection: PrivateCollection,
  afterSeq: number,
  limit: number,
): Promise<{ records: { doc: WireDocument; seq: number }[]; lastSeq: number }> {
  const rows = await storage.changesSince(teamId, collection, afterSeq, limit, null);
  return {
    records: rows.filter((row) => !row.doc._deleted).map((row) => ({ doc: row.doc, seq: row.seq })),
    lastSeq: rows.at(-1)?.seq ?? afterSeq,
  };
}
