// Duplicates share an email or a phone. Merging keeps one lead, fills its empty fields from
// the others, joins tags and notes, and moves every touch (messages, tasks, enrollments) to
// it; the others go to the bin marked `mergedInto`, so nothing is lost and the merge is visible.
import type { Lead } from '../../../src-shared/domain';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import type { PorchlightDatabase } from '../store/collections';

export async function findDuplicateIds(db: PorchlightDatabase, lead: Lead): Promise<string[]> {
  // One equality query per contact field, each naming its own index: an `$or` across fields
  // would make RxDB's planner read every live lead, and a query that names no index is rated on
  // every index of the collection first (a third of a new lead's own work in a burst).
  const lookups = [
    ...(lead.email === undefined
      ? []
      : [db.leads.find({ selector: { email: lead.email }, index: ['email'] }).exec()]),
    ...(lead.phone === undefined
      ? []
      : [db.leads.find({ selector: { phone: lead.phone }, index: ['phone'] }).exec()]),
  ];
  const ids = new Set<string>();
  for (const docs of await Promise.all(lookups)) {
    for (const doc of docs) if (doc.id !== lead.id && doc.deletedAt === 0) ids.add(doc.id);
  }
  return [...ids];
}

const fillableFields = [
  'email',
  'phone',
  'address',
  'priceMin',
  'priceMax',
  'propertyAddress',
  'preferredChannel',
  'lastInboundAt',
  'nextFollowUpAt',
] as const;

export function combineLeads(keep: Lead, others: Lead[], now: number): Lead {
  const result: Lead = { ...keep, tags: [...keep.tags] };
  for (const other of others) {
    for (const field of fillableFields) {
      if (result[field] === undefined && other[field] !== undefined)
        Object.assign(result, { [field]: other[field] });
    }
    if (result.firstName === '' && result.lastName === '') {
      result.firstName = other.firstName;
      result.lastName = other.lastName;
      result.nameKey = other.nameKey;
    }
    if (result.intent === 'unknown') result.intent = other.intent;
    if (result.timeZoneSource === 'unknown' && other.timeZoneSource !== 'unknown') {
      result.timeZone = other.timeZone;
      result.timeZoneSource = other.timeZoneSource;
    }
    for (const tag of other.tags) if (!result.tags.includes(tag)) result.tags.push(tag);
    if (other.notes !== undefined && other.notes !== '') {
      result.notes =
        result.notes === undefined || result.notes === '' ? other.notes : `${result.notes}\n\n${other.notes}`;
    }
    result.createdAt = Math.min(result.createdAt, other.createdAt);
    result.lastContactAt = Math.max(result.lastContactAt, other.lastContactAt);
    result.demo = result.demo && other.demo;
  }
  result.updatedAt = now;
  return result;
}

export async function mergeLeads(ctx: CoreContext, keepId: string, mergeIds: string[]): Promise<Lead> {
  const { db, clock } = ctx;
  if (mergeIds.includes(keepId)) {
    throw new PorchlightError('invalid_args', 'A lead cannot be merged into itself.', {
      mergeIds: 'remove the kept lead',
    });
  }
  const docs = await db.leads.findByIds([keepId, ...mergeIds]).exec();
  const keepDoc = docs.get(keepId);
  if (keepDoc === undefined) throw new PorchlightError('not_found', `Lead ${keepId} was not found.`);
  const missing = mergeIds.filter((id) => !docs.has(id));
  if (missing.length > 0) throw new PorchlightError('not_found', `Leads not found: ${missing.join(', ')}.`);
  const others = mergeIds
    .map((id) => docs.get(id))
    .filter((d) => d !== undefined)
    .map((d) => d.toMutableJSON());
  const now = clock.now();
  const combined = combineLeads(keepDoc.toMutableJSON(), others, now);

  // Touches move first: a crash part-way leaves both leads live, never a touch without a lead.
  for (const collection of [db.messages, db.tasks, db.enrollments] as const) {
    const touches = await collection.find({ selector: { leadId: { $in: mergeIds } } }).exec();
    for (const touch of touches) await touch.incrementalPatch({ leadId: keepId, updatedAt: now });
  }
  await keepDoc.incrementalModify(() => combined);
  for (const other of others) {
    const doc = docs.get(other.id);
    await doc?.incrementalPatch({ deletedAt: now, mergedInto: keepId, updatedAt: now });
  }
  return combined;
}
