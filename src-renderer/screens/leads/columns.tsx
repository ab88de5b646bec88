// The grid's columns. Sorting is done by core; `sortField` maps a column to the contract's
// sort field (columns without one are not sortable). Each sortable column says which way its
// first click goes: names A to Z and the soonest follow-up first, the best score and the most
// recent contact first.
import { createColumnHelper, type SortingState, type VisibilityState } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { ExportColumn } from '../../../src-shared/ipc/imports';
import type { LeadSortField, LeadsQuery } from '../../../src-shared/ipc/leads';
import { formatRelative, intentLabels, sourceLabels, stageLabels } from './format';

const column = createColumnHelper<Lead>();

export const sortFieldOf: Record<string, LeadSortField | undefined> = {
  name: 'name',
  temperature: 'score',
  score: 'score',
  stage: 'stage',
  source: 'source',
  lastContactAt: 'lastContactAt',
  nextFollowUpAt: 'nextFollowUpAt',
};

/** The contract's sort for the grid's sorting (the grid's own default: best score first). */
export function gridSortOf(sorting: SortingState): NonNullable<LeadsQuery['sort']> {
  const sort = sorting[0];
  const field = sort === undefined ? undefined : sortFieldOf[sort.id];
  return field === undefined
    ? { field: 'score', direction: 'desc' }
    : { field, direction: sort?.desc === true ? 'desc' : 'asc' };
}

/** The grid's columns in the order it shows them, as export columns. */
const exportOrder: readonly ExportColumn[] = [
  'name',
  'temperature',
  'score',
  'stage',
  'tags',
  'intent',
  'phone',
  'email',
  'source',
  'lastContactAt',
  'nextFollowUpAt',
];

/** The columns an export of the grid writes: those shown, in the grid's order. */
export function shownExportColumns(visibility: VisibilityState): ExportColumn[] {
  return exportOrder.filter((c) => c === 'name' || visibility[c] !== false);
}

/** The columns a person may hide or show, with the word the Columns menu uses. */
export const optionalColumns = [
  ['temperature', 'Temperature'],
  ['score', 'Score'],
  ['stage', 'Stage'],
  ['tags', 'Tags'],
  ['intent', 'Looking to'],
  ['phone', 'Phone'],
  ['email', 'Email'],
  ['source', 'Source'],
  ['lastContactAt', 'Last contact'],
  ['nextFollowUpAt', 'Next follow-up'],
] as const;

export function leadColumns(now: number) {
  return [
    column.accessor((lead) => leadDisplayName(lead) || lead.email || lead.phone || 'Unnamed', {
      id: 'name',
      header: 'Name',
      size: 220,
      sortDescFirst: false,
      cell: (info) => (
        <span className="lead-name">
          {info.getValue()}
          {info.row.original.demo ? <span className="badge demo">demo</span> : null}
        </span>
      ),
    }),
    column.accessor('temperature', {
      header: 'Temp.',
      size: 80,
      sortDescFirst: true,
      cell: (info) => <span className={`chip temp-${info.getValue()}`}>{info.getValue()}</span>,
    }),
    column.accessor('score', {
      header: 'Score',
      size: 70,
      sortDescFirst: true,
      cell: (info) => (info.getValue() === 0 ? '—' : info.getValue()),
    }),
    column.accessor('stage', {
      header: 'Stage',
      size: 120,
      sortDescFirst: false,
      cell: (info) => stageLabels[info.getValue()],
    }),
    column.accessor('tags', {
      header: 'Tags',
      size: 150,
      cell: (info) => (
        <span className="cell-tags" title={info.getValue().join(', ')}>
          {info.getValue().map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </span>
      ),
    }),
    column.accessor('intent', {
      header: 'Looking to',
      size: 110,
      cell: (info) => intentLabels[info.getValue()],
    }),
    column.accessor('phone', { header: 'Phone', size: 140, cell: (info) => info.getValue() ?? '—' }),
    column.accessor('email', {
      header: 'Email',
      size: 200,
      cell: (info) => <span title={info.getValue()}>{info.getValue() ?? '—'}</span>,
    }),
    column.accessor('source', {
      header: 'Source',
      size: 120,
      sortDescFirst: false,
      cell: (info) => sourceLabels[info.getValue()],
    }),
    column.accessor('lastContactAt', {
      header: 'Last contact',
      size: 120,
      sortDescFirst: true,
      cell: (info) => formatRelative(info.getValue(), now),
    }),
    column.accessor('nextFollowUpAt', {
      header: 'Next follow-up',
      size: 130,
      sortDescFirst: false,
      cell: (info) => {
        const at = info.getValue();
        return (
          <span className={at !== undefined && at < now ? 'overdue' : ''}>{formatRelative(at, now)}</span>
        );
      },
    }),
  ];
}
