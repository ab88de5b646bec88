// A lead's history follows its owner. The owner of a lead changes in many places: an admin's
// desktop reassigns it (a push), routing hands it from the pool to an agent, escalation moves
// it on, an agent takes an offered lead. Its messages, tasks and enrollments carried the old
// owner, so the new owner saw the lead without its timeline or its running sequence, and the
// old owner kept them. Here, for every lead changed after the team's "owner-seq" mark, each of
// those documents with the lead's id and another owner is rewritten to the lead's owner, one
// collection at a time, in one write each; the old owner's replica drops them through their
// scope exit (SY-S6). It runs when leads change on any instance and on a sweep (after a restart).
import type { Clock, Logger } from '../context';
import type { ServerStorage, StoredDocument } from '../storage/server-storage';
import { startLeadPasses } from './lead-passes';

const FOLLOWERS = ['messages', 'tasks', 'enrollments'] as const;
const COLLECTION = 'server.history';
const MARK_ID = 'owner-seq';
const PAGE = 500;
export const OWNER_SWEEP_MS = 15_000;

async function readMark(storage: ServerStorage, teamId: string): Promise<number> {
  const seq = (await storage.readDocuments(teamId, COLLECTION, [MARK_ID])).get(MARK_ID)?.doc.seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : 0;
}

async function saveMark(storage: ServerStorage, teamId: string, seq: number): Promise<void> {
  await storage.writeDocuments(teamId, COLLECTION, [MARK_ID], (current) => {
    const was = current.get(MARK_ID)?.doc.seq;
    if (typeof was === 'number' && was >= seq) return { writes: [], result: undefined };
    return {
      writes: [{ id: MARK_ID, ownerId: null, doc: { id: MARK_ID, seq, _deleted: false } }],
      result: undefined,
    };
  });
}

/** Moves one lead's documents of `collection` to `ownerId`; returns how many moved. */
async function follow(
  storage: ServerStorage,
  teamId: string,
  collection: (typeof FOLLOWERS)[number],
  leadId: string,
  ownerId: string,
  now: number,
): Promise<number> {
  const strays = (await storage.findByField(teamId, collection, 'leadId', leadId)).filter(
    (row) => row.ownerId !== ownerId && row.doc._deleted !== true,
  );
  if (strays.length === 0) return 0;
  return storage.writeDocuments(
    teamId,
    collection,
    strays.map((row) => row.id),
    (current) => {
      const moved = [...current.values()].filter(
        (row): row is StoredDocument => row.ownerId !== ownerId && row.doc._deleted !== true,
      );
      const updatedAt = (row: StoredDocument) =>
        Math.max(typeof row.doc.updatedAt === 'number' ? row.doc.updatedAt + 1 : now, now);
      return {
        writes: moved.map((row) => ({
          id: row.id,
          ownerId,
          doc: { ...row.doc, ownerId, updatedAt: updatedAt(row) },
        })),
        result: moved.length,
      };
    },
  );
}

/** One pass over the leads changed after the mark; returns how many documents moved. */
export async function followLeadOwners(storage: ServerStorage, teamId: string, now: number): Promise<number> {
  let moved = 0;
  let mark = await readMark(storage, teamId);
  for (;;) {
    const leads = await storage.changesSince(teamId, 'leads', mark, PAGE, null);
    for (const lead of leads) {
      if (lead.ownerId === null || lead.doc._deleted === true) continue;
      for (const collection of FOLLOWERS)
        moved += await follow(storage, teamId, collection, lead.id, lead.ownerId, now);
    }
    const last = leads.at(-1);
    if (last === undefined) break;
    mark = last.seq;
    await saveMark(storage, teamId, mark);
    if (leads.length < PAGE) break;
  }
  return moved;
}

/** Runs a pass per team when its leads change and on a sweep (lead-passes.ts). */
export function startHistoryFollowsOwner(deps: { storage: ServerStorage; clock: Clock; logger: Logger }) {
  return startLeadPasses(deps, {
    run: followLeadOwners,
    sweepMs: OWNER_SWEEP_MS,
    done: 'lead_history_moved_to_owner',
    failed: 'lead_history_move_failed',
  });
}
