// Merging an imported row into a lead that already exists (same email or phone): empty fields
// are filled, tags joined, the row's notes appended. Applying the same row twice changes
// nothing more (notes already there are not appended again), so a resumed import may replay
// a row safely. The fields a merge changed are recorded with their values before and after;
// undo puts back the old value of each field that still holds the merged one.
import { isDeepStrictEqual } from 'node:util';
import type { Lead } from '../../../src-shared/domain';
import { compact, nameKeyOf, withTimeZone } from '../leads/lead-record';
import { scoreOnWrite } from '../scoring/lead-score';

const fillable = ['email', 'phone', 'address', 'priceMin', 'priceMax', 'propertyAddress'] as const;

export async function mergeRowInto(target: Lead, row: Lead, now: number): Promise<Lead> {
  const next: Lead = { ...target, tags: [...target.tags] };
  let touched = false;
  for (const field of fillable) {
    if (next[field] === undefined && row[field] !== undefined) {
      Object.assign(next, { [field]: row[field] });
      touched = true;
    }
  }
  if (next.firstName === '' && next.lastName === '') {
    next.firstName = row.firstName;
    next.lastName = row.lastName;
    next.nameKey = nameKeyOf(row.firstName, row.lastName);
    touched = true;
  }
  if (next.intent === 'unknown' && row.intent !== 'unknown') {
    next.intent = row.intent;
    touched = true;
  }
  for (const tag of row.tags)
    if (!next.tags.includes(tag) && next.tags.length < 50) {
      next.tags.push(tag);
      touched = true;
    }
  if (row.notes !== undefined && !(next.notes ?? '').includes(row.notes)) {
    next.notes = (
      next.notes === undefined || next.notes === '' ? row.notes : `${next.notes}\n\n${row.notes}`
    ).slice(0, 20_000);
    touched = true;
  }
  // Most merges of a large file bring nothing new (the same person listed again). A lead the
  // job has scored keeps its score on write, so such a merge is the lead as it was: the same
  // answer as the comparison below, without building and comparing a copy of the lead.
  if (!touched && target.scoredAt !== undefined && !Object.values(target).includes(undefined)) return target;
  const contactChanged = next.phone !== target.phone || !isDeepStrictEqual(next.address, target.address);
  const zoned = contactChanged ? await withTimeZone(next, undefined) : next;
  const merged = compact({ ...zoned, ...scoreOnWrite(zoned, now) });
  return isDeepStrictEqual(withoutUpdatedAt(merged), withoutUpdatedAt(target))
    ? target
    : { ...merged, updatedAt: now };
}

function withoutUpdatedAt(lead: Lead): Omit<Lead, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = lead;
  return rest;
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** Every field (but updatedAt) whose value differs between `before` and `after`. */
export function changesBetween(before: Lead, after: Lead): FieldChanges {
  const changes: FieldChanges = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'updatedAt') continue;
    const was: unknown = (before as Record<string, unknown>)[key];
    const now: unknown = (after as Record<string, unknown>)[key];
    if (!isDeepStrictEqual(was, now)) changes[key] = { before: was ?? null, after: now ?? null };
  }
  return changes;
}

/**
 * Undoes recorded changes on `current`: a field still holding the merged value goes back; a
 * field someone changed since the import keeps its new value. `null` stands for "was absent".
 */
export function revertChanges(current: Lead, changes: FieldChanges, now: number): Lead | undefined {
  const next: Record<string, unknown> = { ...current };
  let changed = false;
  for (const [key, { before, after }] of Object.entries(changes)) {
    const value: unknown = next[key] ?? null;
    if (!isDeepStrictEqual(value, after)) continue;
    if (before === null) delete next[key];
    else next[key] = before;
    changed = true;
  }
  return changed ? ({ ...next, updatedAt: now } as Lead) : undefined;
}
