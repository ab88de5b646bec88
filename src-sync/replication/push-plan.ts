// The push algorithm of docs/sync.md (SY-P4..SY-P5, SY-S*, SY-M*, SY-E4), as one pure step
// run inside the storage's write transaction: rows + current masters -> what to store, which
// masters go back as conflicts, which documents are refused and why.
import {
  TEAM_POOL_OWNER_ID,
  decidePush,
  isErasureTombstone,
  serverShape,
  type PushRefusal,
  type PushRow,
  type SessionAgent,
  type SyncCollectionSpec,
  type WireDocument,
} from '../../src-shared/sync';
import type { DocumentWrite, StoredDocument } from '../storage/server-storage';

export interface PushPlan {
  writes: DocumentWrite[];
  conflicts: WireDocument[];
  refused: PushRefusal[];
}

export interface CheckedRow {
  id: string;
  row: PushRow;
}

/** The owners an agent may see in an owned collection; null = all (SY-S1, SY-S2). */
export function visibleOwners(spec: SyncCollectionSpec, agent: SessionAgent): readonly string[] | null {
  return spec.scope === 'team' || agent.role === 'admin' ? null : [agent.id, TEAM_POOL_OWNER_ID];
}

function canSee(spec: SyncCollectionSpec, agent: SessionAgent, ownerId: string | null): boolean {
  const owners = visibleOwners(spec, agent);
  return owners === null || (ownerId !== null && owners.includes(ownerId));
}

function ownerOf(spec: SyncCollectionSpec, doc: WireDocument): string | null {
  return spec.teamFields && typeof doc.ownerId === 'string' ? doc.ownerId : null;
}

/**
 * SY-P4: checks each row on its own, before any storage is read: the document's shape, its team,
 * the device-only rule and the writer's role. Bad rows are refused; the others go on.
 */
export function checkRows(
  spec: SyncCollectionSpec,
  agent: SessionAgent,
  rows: readonly PushRow[],
): { checked: CheckedRow[]; refused: PushRefusal[] } {
  const checked: CheckedRow[] = [];
  const refused: PushRefusal[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const rawId = row.newDocumentState[spec.primaryKey];
    const id = typeof rawId === 'string' ? rawId : '';
    const { _deleted: _ignored, ...fields } = serverShape(row.newDocumentState);
    const parsed = spec.schema.safeParse(fields);
    if (id === '' || !parsed.success) {
      const issue = parsed.success ? undefined : parsed.error.issues[0];
      const where = issue === undefined ? spec.primaryKey : issue.path.join('.');
      refused.push({ id, code: 'invalid_document', message: `${where}: ${issue?.message ?? 'missing id'}` });
      continue;
    }
    if (seen.has(id)) {
      refused.push({ id, code: 'invalid_document', message: 'The same document appears twice in one push.' });
      continue;
    }
    seen.add(id);
    const doc = { ...parsed.data, _deleted: row.newDocumentState._deleted } as WireDocument;
    if (spec.teamFields && doc.teamId !== agent.teamId) {
      refused.push({
        id,
        code: 'wrong_team',
        message: 'This document belongs to another team or to a solo workspace.',
      });
    } else if (spec.isDeviceOnly?.(id) === true) {
      refused.push({
        id,
        code: 'device_only',
        message: 'This setting stays on its device and is not shared with the team.',
      });
    } else if (spec.writers === 'admin' && agent.role !== 'admin') {
      refused.push({ id, code: 'admin_only', message: 'Only a team admin can change this.' });
    } else if (!canSee(spec, agent, ownerOf(spec, doc))) {
      refused.push({
        id,
        code: 'out_of_scope',
        message: 'You can only save leads of your own or of the team pool.',
      });
    } else {
      checked.push({ id, row: { ...row, newDocumentState: doc } });
    }
  }
  return { checked, refused };
}

/** SY-P3: the masters are read in the write transaction; each row is decided against its own. */
export function planPush(
  spec: SyncCollectionSpec,
  agent: SessionAgent,
  rows: readonly CheckedRow[],
  masters: Map<string, StoredDocument>,
): PushPlan {
  const plan: PushPlan = { writes: [], conflicts: [], refused: [] };
  for (const { id, row } of rows) {
    const master = masters.get(id);
    if (master !== undefined && !canSee(spec, agent, master.ownerId)) {
      // Never tell whether it exists: refuse as out of scope, return nothing of it.
      plan.refused.push({
        id,
        code: 'out_of_scope',
        message: 'You can only save leads of your own or of the team pool.',
      });
      continue;
    }
    if (master !== undefined && isErasureTombstone(spec.name, master.doc)) {
      // SY-E4: an erased person never comes back from a replica that had not heard yet.
      plan.conflicts.push(master.doc);
      continue;
    }
    let incoming = row.newDocumentState;
    // SY-M2: only an admin lifts a suppression; a member's deletion gets the live one back.
    if (
      spec.merge === 'suppression-wins' &&
      incoming._deleted &&
      agent.role !== 'admin' &&
      master !== undefined &&
      !master.doc._deleted
    ) {
      plan.conflicts.push(master.doc);
      continue;
    }
    const decision = decidePush(spec.merge, master?.doc, row.assumedMasterState, incoming, {
      hasTimestamps: spec.teamFields,
    });
    if (decision.store !== undefined) {
      incoming = decision.store;
      plan.writes.push({ id, ownerId: ownerOf(spec, incoming), doc: incoming });
    }
    if (decision.conflict) plan.conflicts.push(decision.store ?? master?.doc ?? incoming);
  }
  return plan;
}
