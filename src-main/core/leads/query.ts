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

export function leadSelector(
  query: Pick<ValidQuery, 'deleted' | 'stages' | 'temperatures' | 'sources' | 'search'>,
): MangoQuerySelector<Lead> {
  const selector: MangoQuerySelector<Lead> = { deletedAt: query.deleted ? { $gt: 0 } : 0 };
  if (query.stages !== undefined && query.stages.length > 0) selector.stage = { $in: query.stages };
  if (query.temperatures !== undefined && query.temperatures.length > 0) {
    selector.temperature = { $in: query.temperatures };
  }
  if (query.sources !== undefined && query.sources.length > 0) selector.source = { $in: query.sources };
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

export function leadSort(sort: ValidQuery['sort']): MangoQuerySortPart<Lead>[] {
  return [{ [sortColumn[sort.field]]: sort.direction }];
}
