// The leads feature: create, edit, soft-delete and restore, query for the grid, counts,
// duplicates and merge. Every write emits `leads-changed` with the ids it touched.
import { randomUUID } from 'node:crypto';
import type { Lead } from '../../../src-shared/domain';
import { leadStages, temperatures } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { LeadCounts, LeadPage, LeadWriteResult } from '../../../src-shared/ipc/leads';
import type { CoreContext } from '../context';
import { ownerOfNewLead } from '../routing/new-lead-owner';
import { scoreOnWrite } from '../scoring/lead-score';
import { findDuplicateGroups } from './duplicate-groups';
import { findDuplicateIds, mergeLeads } from './merge';
import { compact, nameKeyOf, plainFields, prepareContactFields, withTimeZone } from './lead-record';
import { queryLeadPage } from './query';

export function leadHandlers(ctx: CoreContext) {
  const { db, clock, workspace } = ctx;

  async function requireLead(id: string): Promise<Lead> {
    const doc = await db.leads.findOne(id).exec();
    if (doc === null)
      throw new PorchlightError('not_found', `Lead ${id} was not found; it may have been purged.`);
    return doc.toMutableJSON();
  }

  async function createLead(args: ValidArgs<'leads-create'>): Promise<LeadWriteResult> {
    const input = args.lead;
    if (!input.firstName && !input.lastName && !input.email && !input.phone) {
      throw new PorchlightError('validation', 'A lead needs a name, an email or a phone number.', {
        firstName: 'Enter a name, an email or a phone number',
      });
    }
    const { fields, warnings } = prepareContactFields(input, workspace.defaultCountry, args.onInvalidContact);
    const now = clock.now();
    const base: Lead = {
      id: randomUUID(),
      teamId: workspace.teamId,
      ownerId: ownerOfNewLead(workspace, args.owner === 'mine'),
      updatedAt: now,
      firstName: '',
      lastName: '',
      nameKey: '',
      timeZone: '',
      timeZoneSource: 'unknown',
      stage: 'new',
      source: 'manual',
      intent: 'unknown',
      score: 0,
      temperature: 'cold',
      tags: [],
      consent: { sms: 'unknown', whatsapp: 'unknown', email: 'unknown' },
      createdAt: now,
      lastContactAt: 0,
      deletedAt: 0,
      demo: false,
      ...plainFields(input),
      ...fields,
    };
    base.nameKey = nameKeyOf(base.firstName, base.lastName);
    const lead = await withTimeZone(compact(base), input.timeZone);
    const scored = compact({ ...lead, ...scoreOnWrite(lead, now) });
    await db.leads.insert(scored);
    return { lead: scored, warnings, duplicateIds: await findDuplicateIds(db, scored) };
  }

  async function updateLead(args: ValidArgs<'leads-update'>): Promise<LeadWriteResult> {
    const current = await requireLead(args.id);
    const { fields, warnings } = prepareContactFields(
      args.patch,
      workspace.defaultCountry,
      args.onInvalidContact,
    );
    const now = clock.now();
    const merged: Lead = { ...current, ...plainFields(args.patch), ...fields, updatedAt: now };
    merged.nameKey = nameKeyOf(merged.firstName, merged.lastName);
    const contactChanged =
      merged.phone !== current.phone || JSON.stringify(merged.address) !== JSON.stringify(current.address);
    // A cleared zone is derived again from the address and phone.
    const evidence = args.patch.timeZone === '' ? { ...merged, timeZoneSource: 'unknown' as const } : merged;
    const zoned =
      contactChanged || args.patch.timeZone !== undefined
        ? await withTimeZone(evidence, args.patch.timeZone)
        : merged;
    const next = compact({ ...zoned, ...scoreOnWrite(zoned, now) });
    const doc = await db.leads.findOne(args.id).exec();
    if (doc === null)
      throw new PorchlightError('not_found', `Lead ${args.id} was deleted while it was being edited.`);
    await doc.incrementalModify(() => next);
    return { lead: next, warnings, duplicateIds: await findDuplicateIds(db, next) };
  }

  async function setDeletedAt(ids: string[], deletedAt: number): Promise<number> {
    const docs = await db.leads.findByIds(ids).exec();
    const changed: string[] = [];
    for (const doc of docs.values()) {
      if ((doc.deletedAt === 0) === (deletedAt === 0)) continue;
      await doc.incrementalPatch({ deletedAt, updatedAt: clock.now() });
      changed.push(doc.id);
    }
    return changed.length;
  }

  return {
    'leads-query': (args: ValidArgs<'leads-query'>): Promise<LeadPage> => queryLeadPage(db, args),
    'leads-get': async (args: ValidArgs<'leads-get'>): Promise<Lead | null> => {
      const doc = await db.leads.findOne(args.id).exec();
      return doc === null ? null : doc.toMutableJSON();
    },
    'leads-create': createLead,
    'leads-update': updateLead,
    'leads-delete': async (args: ValidArgs<'leads-delete'>) => ({
      deleted: await setDeletedAt(args.ids, clock.now()),
    }),
    'leads-restore': async (args: ValidArgs<'leads-restore'>) => ({
      restored: await setDeletedAt(args.ids, 0),
    }),
    'leads-counts': async (): Promise<LeadCounts> => {
      const count = (selector: Parameters<typeof db.leads.count>[0]) => db.leads.count(selector).exec();
      const [total, deleted, stageCounts, temperatureCounts] = await Promise.all([
        count({ selector: { deletedAt: 0 } }),
        count({ selector: { deletedAt: { $gt: 0 } } }),
        Promise.all(leadStages.map((stage) => count({ selector: { deletedAt: 0, stage } }))),
        Promise.all(temperatures.map((temperature) => count({ selector: { deletedAt: 0, temperature } }))),
      ]);
      return {
        total,
        deleted,
        byStage: Object.fromEntries(
          leadStages.map((s, i) => [s, stageCounts[i] ?? 0]),
        ) as LeadCounts['byStage'],
        byTemperature: Object.fromEntries(
          temperatures.map((t, i) => [t, temperatureCounts[i] ?? 0]),
        ) as LeadCounts['byTemperature'],
      };
    },
    'leads-duplicates': async (args: ValidArgs<'leads-duplicates'>): Promise<Lead[]> => {
      const lead = await requireLead(args.id);
      const ids = await findDuplicateIds(db, lead);
      const docs = await db.leads.findByIds(ids).exec();
      return [...docs.values()].map((doc) => doc.toMutableJSON());
    },
    'leads-merge': (args: ValidArgs<'leads-merge'>): Promise<Lead> =>
      mergeLeads(ctx, args.keepId, args.mergeIds),
    'leads-duplicate-groups': async (args: ValidArgs<'leads-duplicate-groups'>) =>
      findDuplicateGroups(db, args.limit),
  };
}

export type LeadHandlers = ReturnType<typeof leadHandlers>;
