// Forget a person (docs/sync.md SY-E1..E4): every document of a lead, its messages, tasks and
// enrollments, is overwritten at once by a tombstone without personal data; the lead's
// addresses survive only as SHA-256 digests in suppressions, so nobody contacts them again.
// The storage then scrubs freed space (secure_delete + WAL checkpoint; VACUUM on PostgreSQL).
import { createHash } from 'node:crypto';
import {
  HASHED_ADDRESS_PREFIX,
  LEAD_HISTORY_COLLECTIONS,
  erasedEnrollment,
  erasedLead,
  erasedMessage,
  erasedTask,
  type EraseResponse,
  type SessionAgent,
  type WireDocument,
} from '../../src-shared/sync';
import type { Clock } from '../context';
import { SyncError } from '../middleware/errors';
import type { ServerStorage, StoredDocument } from '../storage/server-storage';

/** The tombstone of each collection that hangs off a lead (SY-E1). */
const HISTORY_TOMBSTONES: Record<
  (typeof LEAD_HISTORY_COLLECTIONS)[number],
  (doc: WireDocument, now: number) => WireDocument
> = { messages: erasedMessage, tasks: erasedTask, enrollments: erasedEnrollment };

export function hashedAddress(address: string): string {
  return `${HASHED_ADDRESS_PREFIX}${createHash('sha256').update(address.trim().toLowerCase()).digest('hex')}`;
}

async function replaceAll(
  storage: ServerStorage,
  teamId: string,
  collection: string,
  docs: StoredDocument[],
  tombstone: (doc: WireDocument) => WireDocument,
): Promise<number> {
  if (docs.length === 0) return 0;
  return storage.writeDocuments(
    teamId,
    collection,
    docs.map((d) => d.id),
    (current) => {
      const writes = [...current.values()].map((stored) => ({
        id: stored.id,
        ownerId: stored.ownerId,
        doc: tombstone(stored.doc),
      }));
      return { writes, result: writes.length };
    },
  );
}

export async function eraseLead(
  storage: ServerStorage,
  clock: Clock,
  actor: SessionAgent,
  leadId: string,
): Promise<EraseResponse> {
  const now = clock.now();
  const lead = (await storage.readDocuments(actor.teamId, 'leads', [leadId])).get(leadId);
  if (lead === undefined)
    throw new SyncError(404, 'lead_not_found', 'There is no lead with this id in your team.');

  // SY-E2: a suppression per address, hashed, written before anything is erased.
  const addresses = [lead.doc.email, lead.doc.phone].filter(
    (a): a is string => typeof a === 'string' && a !== '',
  );
  const existingSuppressions = await storage.findByField(actor.teamId, 'suppressions', 'leadId', leadId);
  const suppressions: WireDocument[] = addresses.map((address) => ({
    id: `erased-${hashedAddress(address).slice(HASHED_ADDRESS_PREFIX.length, HASHED_ADDRESS_PREFIX.length + 40)}`,
    teamId: actor.teamId,
    ownerId: typeof lead.doc.ownerId === 'string' ? lead.doc.ownerId : actor.id,
    updatedAt: now,
    channel: 'all',
    address: hashedAddress(address),
    reason: 'manual',
    detail: 'erased on request',
    createdAt: now,
    _deleted: false,
  }));
  await storage.writeDocuments(
    actor.teamId,
    'suppressions',
    suppressions.map((s) => String(s.id)),
    () => ({
      writes: suppressions.map((doc) => ({ id: String(doc.id), ownerId: String(doc.ownerId), doc })),
      result: undefined,
    }),
  );
  // Plain suppressions carry the address in their id too: they go entirely, with no tombstone;
  // a replica drops its own when it applies the lead's tombstone (SY-E3).
  const plain = existingSuppressions.filter((s) => !String(s.doc.address).startsWith(HASHED_ADDRESS_PREFIX));
  const byAddress = (
    await Promise.all(
      addresses.map((address) => storage.findByField(actor.teamId, 'suppressions', 'address', address)),
    )
  ).flat();
  await storage.deleteDocuments(actor.teamId, 'suppressions', [
    ...new Set([...plain, ...byAddress].map((s) => s.id)),
  ]);

  // SY-E1: the lead and its history become tombstones in one pass per collection.
  const erased: EraseResponse['erased'] = {
    leads: await replaceAll(storage, actor.teamId, 'leads', [lead], (doc) => erasedLead(doc, now)),
    messages: 0,
    tasks: 0,
    enrollments: 0,
  };
  for (const collection of LEAD_HISTORY_COLLECTIONS) {
    const history = await storage.findByField(actor.teamId, collection, 'leadId', leadId);
    erased[collection] = await replaceAll(storage, actor.teamId, collection, history, (doc) =>
      HISTORY_TOMBSTONES[collection](doc, now),
    );
  }
  await storage.scrub();
  await storage.appendAudit({
    teamId: actor.teamId,
    at: now,
    actorId: actor.id,
    action: 'lead.erased',
    target: leadId,
    detail: { ...erased },
  });
  return { leadId, erased, suppressions: suppressions.length };
}
