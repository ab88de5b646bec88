// Bulk changes from the grid: one tag, stage or owner applied to many leads (the store
// announces them in one `leads-changed` event), and the undo that puts back what each lead had before. A bulk change
// touches only its own field and rescores the lead, as a single edit would; the undo writes
// the recorded values back the same way (a stage change's effects on sequences, such as an
// enrollment that ended, are not reversed by it).
import type { Lead } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { LeadBulkBefore, LeadBulkChange, LeadBulkResult } from '../../../src-shared/ipc/lead-bulk';
import type { CoreContext } from '../context';
import { scoreOnWrite } from '../scoring/lead-score';
import { compact } from './lead-record';
import { leadIndex, leadSelector } from './query';

const MAX_TAGS = 50;

type Outcome = { patch: Partial<Lead>; before: LeadBulkBefore } | { refused: string } | null;

/** What `change` does to one lead: a patch with the value it replaces, a refusal, or nothing. */
export function planBulkChange(lead: Lead, change: LeadBulkChange): Outcome {
  switch (change.kind) {
    case 'add-tag':
      if (lead.tags.includes(change.tag)) return null;
      if (lead.tags.length >= MAX_TAGS) return { refused: `already has ${MAX_TAGS} tags` };
      return { patch: { tags: [...lead.tags, change.tag] }, before: { id: lead.id, tags: lead.tags } };
    case 'remove-tag':
      if (!lead.tags.includes(change.tag)) return null;
      return {
        patch: { tags: lead.tags.filter((t) => t !== change.tag) },
        before: { id: lead.id, tags: lead.tags },
      };
    case 'stage':
      if (lead.stage === change.stage) return null;
      return { patch: { stage: change.stage }, before: { id: lead.id, stage: lead.stage } };
    case 'assign':
      if (lead.ownerId === change.ownerId) return null;
      return { patch: { ownerId: change.ownerId }, before: { id: lead.id, ownerId: lead.ownerId } };
  }
}

export function leadBulkHandlers(ctx: CoreContext) {
  const { db, clock } = ctx;

  /** Writes each lead's patch (rescored). */
  async function writePatches(patches: Map<string, Partial<Lead>>): Promise<number> {
    const docs = await db.leads.findByIds([...patches.keys()]).exec();
    const now = clock.now();
    const changed: string[] = [];
    for (const [id, patch] of patches) {
      const doc = docs.get(id);
      if (doc === undefined) continue;
      await doc.incrementalModify((current) => {
        const next: Lead = { ...current, ...patch, updatedAt: now };
        return compact({ ...next, ...scoreOnWrite(next, now) });
      });
      changed.push(id);
    }
    return changed.length;
  }

  return {
    'leads-ids': async (args: ValidArgs<'leads-ids'>) => {
      const query = { ...args, sort: { field: 'score' as const, direction: 'desc' as const } };
      const selector = leadSelector(query);
      const index = leadIndex(query);
      const [docs, total] = await Promise.all([
        db.leads
          .find({ selector, sort: [{ score: 'desc' }], limit: args.limit, ...(index ? { index } : {}) })
          .exec(),
        db.leads.count({ selector }).exec(),
      ]);
      return { ids: docs.map((doc) => doc.id), total };
    },

    'leads-bulk-update': async (args: ValidArgs<'leads-bulk-update'>): Promise<LeadBulkResult> => {
      const docs = await db.leads.findByIds(args.ids).exec();
      const patches = new Map<string, Partial<Lead>>();
      const before: LeadBulkBefore[] = [];
      const refused: LeadBulkResult['refused'] = [];
      for (const id of args.ids) {
        const doc = docs.get(id);
        if (doc === undefined || doc.deletedAt > 0) {
          refused.push({ id, reason: 'no longer in the grid (deleted or merged)' });
          continue;
        }
        const outcome = planBulkChange(doc.toMutableJSON(), args.change);
        if (outcome === null) continue;
        if ('refused' in outcome) refused.push({ id, reason: outcome.refused });
        else {
          patches.set(id, outcome.patch);
          before.push(outcome.before);
        }
      }
      return { changed: await writePatches(patches), before, refused };
    },

    'leads-bulk-undo': async (args: ValidArgs<'leads-bulk-undo'>) => {
      const patches = new Map<string, Partial<Lead>>();
      for (const { id, tags, stage, ownerId } of args.before) {
        const patch: Partial<Lead> = {};
        if (tags !== undefined) patch.tags = tags;
        if (stage !== undefined) patch.stage = stage;
        if (ownerId !== undefined) patch.ownerId = ownerId;
        patches.set(id, patch);
      }
      return { restored: await writePatches(patches) };
    },
  };
}

export type LeadBulkHandlers = ReturnType<typeof leadBulkHandlers>;
