// Server-side filtering, sorting and paging for the lead grid, planned onto the leads
// collection's indexes (every sort field leads with `deletedAt`, then the field).
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import type { Lead } from '../../../src-shared/domain';
import type { LeadPage, LeadSortField, leadsQuerySchema } from '../../../src-shared/ipc/leads';
import type { z } from 'zod';
import type { PorchlightDatabase } from '../store/collections';

type ValidQuery = z.output<typeof leadsQuerySchema>;

const sortColumn: Record<LeadSortField, keyof Lead> = {
  score: 'score',
  name: 'nameKey',
  stage: 'stage',
  source: 'source',
  createdAt: 'createdAt',
  lastContactAt: 'lastContactAt',
  nextFollowUpAt: 'nextFollowUpAt',
};

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What a typed search matches in the stored E.164 phones. Typed with a leading `+` it is a
 * prefix of the international number, from the first digit on (`+44` finds every UK number;
 * a trunk `(0)` as in `+44 (0)20…` is dropped). Otherwise any run of three digits or more,
 * wherever it stands (`555 0142`, `(312) 555`).
 */
export function phonePattern(search: string): string | null {
  const typed = search.trim();
  if (typed.startsWith('+')) {
    const digits = typed.replace(/\(0\)/g, '').replace(/\D/g, '');
    return digits === '' ? null : `^\\+${digits}`;
  }
  const digits = typed.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/**
 * A single value is an equality, which RxDB's planner turns into an index range; `$in` is
 * matched after a scan, so it is used only for several values.
 */
function oneOrMany<T extends string>(values: readonly T[] | undefined): T | { $in: T[] } | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const [only] = values;
  return values.length === 1 && only !== undefined ? only : { $in: [...values] };
}

export function leadSelector(
  query: Pick<ValidQuery, 'deleted' | 'stages' | 'temperatures' | 'sources' | 'search'>,
): MangoQuerySelector<Lead> {
  const selector: MangoQuerySelector<Lead> = { deletedAt: query.deleted ? { $gt: 0 } : 0 };
  const stage = oneOrMany(query.stages);
  if (stage !== undefined) selector.stage = stage;
  const temperature = oneOrMany(query.temperatures);
  if (temperature !== undefined) selector.temperature = temperature;
  const source = oneOrMany(query.sources);
  if (source !== undefined) selector.source = source;
  const search = query.search?.trim();
  if (search !== undefined && search !== '') {
    const pattern = escapeRegex(search.toLowerCase());
    const alternatives: MangoQuerySelector<Lead>[] = [
      { nameKey: { $regex: pattern } },
      { email: { $regex: pattern } },
    ];
    const phone = phonePattern(search);
    if (phone !== null) alternatives.push({ phone: { $regex: phone } });
    selector.$or = alternatives;
  }
  return selector;
}

/**
 * The index a grid query should walk. RxDB's planner rates every `deletedAt`-led index alike
 * for a descending sort and may pick one in another order (then every live lead is read and
 * sorted); naming the index lets the store walk it backwards and stop after one page.
 */
export function leadIndex(query: Pick<ValidQuery, 'stages' | 'temperatures' | 'sort'>): string[] | undefined {
  const column = sortColumn[query.sort.field];
  if (column === 'score' && query.stages?.length === 1) return ['deletedAt', 'stage', 'score'];
  if (column === 'score' && query.temperatures?.length === 1) return ['deletedAt', 'temperature', 'score'];
  const indexed: (keyof Lead)[] = ['score', 'nameKey', 'createdAt', 'lastContactAt', 'nextFollowUpAt'];
  return indexed.includes(column) ? ['deletedAt', column] : undefined;
}

export function leadSort(sort: ValidQuery['sort']): MangoQuerySortPart<Lead>[] {
  return [{ [sortColumn[sort.field]]: sort.direction }];
}

async function findPage(
  db: PorchlightDatabase,
  args: ValidQuery,
  selector: MangoQuerySelector<Lead>,
  skip: number,
  limit: number,
): Promise<Lead[]> {
  if (limit <= 0) return [];
  const index = leadIndex(args);
  const docs = await db.leads
    .find({ selector, sort: leadSort(args.sort), skip, limit, ...(index === undefined ? {} : { index }) })
    .exec();
  return docs.map((doc) => doc.toMutableJSON());
}

/**
 * One page of the grid. Leads without a follow-up have no date to order by: the store puts
 * them first in an ascending walk, so "soonest first" reads them after every dated one instead
 * (two index ranges, paged as one list).
 */
export async function queryLeadPage(db: PorchlightDatabase, args: ValidQuery): Promise<LeadPage> {
  const selector = leadSelector(args);
  const total = await db.leads.count({ selector }).exec();
  if (args.sort.field !== 'nextFollowUpAt' || args.sort.direction !== 'asc')
    return { rows: await findPage(db, args, selector, args.offset, args.limit), total, offset: args.offset };
  const dated: MangoQuerySelector<Lead> = { ...selector, nextFollowUpAt: { $gt: 0 } };
  const undated: MangoQuerySelector<Lead> = { ...selector, nextFollowUpAt: { $exists: false } };
  const datedCount = await db.leads.count({ selector: dated }).exec();
  const first = await findPage(db, args, dated, args.offset, Math.min(args.limit, datedCount - args.offset));
  const rest = await findPage(
    db,
    args,
    undated,
    Math.max(0, args.offset - datedCount),
    args.limit - first.length,
  );
  return { rows: [...first, ...rest], total, offset: args.offset };
}
