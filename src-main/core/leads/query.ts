// Server-side filtering, sorting and paging for the lead grid, planned onto the leads
// collection's indexes (every sort field leads with `deletedAt`, then the field).
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import type { Lead } from '../../../src-shared/domain';
import type { LeadSortField, leadsQuerySchema } from '../../../src-shared/ipc/leads';
import type { z } from 'zod';

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
    const digits = search.replace(/\D/g, '');
    const alternatives: MangoQuerySelector<Lead>[] = [
      { nameKey: { $regex: pattern } },
      { email: { $regex: pattern } },
    ];
    if (digits.length >= 3) alternatives.push({ phone: { $regex: escapeRegex(digits) } });
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
