// The server writing the team's replicated documents itself (webhooks, tracking, lead intake):
// each write goes through storage.writeDocuments, so it takes the team's next seq and reaches
// every desktop like a push would. Shapes are parsed with the domain schemas before they are
// stored, so the server never writes a document a desktop would refuse.
import type { z } from 'zod';
import { leadSchema, messageSchema, type Lead, type Message } from '../../src-shared/domain';
import type { WireDocument } from '../../src-shared/sync';
import type { ServerStorage } from '../storage/server-storage';

function live<T>(doc: WireDocument, schema: z.ZodType<T>): T | null {
  if (doc._deleted) return null;
  const { _deleted: _ignored, ...fields } = doc;
  const parsed = schema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}

/** Live leads (not deleted, not in the bin, not merged away) with this phone or email. */
export async function leadsByAddress(
  storage: ServerStorage,
  teamId: string,
  address: string,
): Promise<Lead[]> {
  const field = address.includes('@') ? 'email' : 'phone';
  const rows = await storage.findByField(teamId, 'leads', field, address);
  return rows
    .map((row) => live(row.doc, leadSchema))
    .filter((lead): lead is Lead => lead !== null && lead.deletedAt === 0 && lead.mergedInto === undefined)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export async function readMessage(
  storage: ServerStorage,
  teamId: string,
  id: string,
): Promise<Message | null> {
  const row = (await storage.readDocuments(teamId, 'messages', [id])).get(id);
  return row === undefined ? null : live(row.doc, messageSchema);
}

/**
 * Reads a live document, lets `change` say its next state (null = leave it), and stores it in
 * one transaction, so a desktop's push in between is never overwritten blindly.
 */
export async function changeDocument<T extends { id: string; ownerId: string }>(
  storage: ServerStorage,
  teamId: string,
  collection: 'leads' | 'messages' | 'tasks',
  schema: z.ZodType<T>,
  id: string,
  change: (current: T) => T | null,
): Promise<T | null> {
  return storage.writeDocuments(teamId, collection, [id], (current) => {
    const row = current.get(id);
    const doc = row === undefined ? null : live(row.doc, schema);
    const next = doc === null ? null : change(doc);
    if (next === null) return { writes: [], result: null };
    const stored = schema.parse(next);
    return { writes: [{ id, ownerId: stored.ownerId, doc: { ...stored, _deleted: false } }], result: stored };
  });
}

/** Inserts documents that do not exist yet; returns the ids that were new. */
export async function insertDocuments<T extends { id: string; ownerId: string }>(
  storage: ServerStorage,
  teamId: string,
  collection: 'leads' | 'messages' | 'suppressions',
  schema: z.ZodType<T>,
  docs: readonly T[],
): Promise<string[]> {
  const parsed = docs.map((doc) => schema.parse(doc));
  return storage.writeDocuments(
    teamId,
    collection,
    parsed.map((doc) => doc.id),
    (current) => {
      const fresh = parsed.filter((doc) => {
        const row = current.get(doc.id);
        return row === undefined || row.doc._deleted;
      });
      return {
        writes: fresh.map((doc) => ({ id: doc.id, ownerId: doc.ownerId, doc: { ...doc, _deleted: false } })),
        result: fresh.map((doc) => doc.id),
      };
    },
  );
}
