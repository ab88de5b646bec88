// The grid's columns. Sorting is done by core; `sortField` maps a column to the contract's
// sort field (columns without one are not sortable).
import { createColumnHelper } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { LeadSortField } from '../../../src-shared/ipc/leads';
import { formatRelative, sourceLabels, stageLabels } from './format';

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

export function leadColumns(now: number) {
  return [
    column.accessor((lead) => leadDisplayName(lead) || lead.email || lead.phone || 'Unnamed', {
      id: 'name',
      header: 'Name',
      size: 220,
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
      cell: (info) => <span className={`chip temp-${info.getValue()}`}>{info.getValue()}</span>,
    }),
    column.accessor('score', {
      header: 'Score',
      size: 70,
      cell: (info) => (info.getValue() === 0 ? '—' : info.getValue()),
    }),
    column.accessor('stage', { header: 'Stage', size: 130, cell: (info) => stageLabels[info.getValue()] }),
    column.accessor('source', { header: 'Source', size: 130, cell: (info) => sourceLabels[info.getValue()] }),
    column.accessor('lastContactAt', {
      header: 'Last contact',
      size: 130,
      cell: (info) => formatRelative(info.getValue(), now),
    }),
    column.accessor('nextFollowUpAt', {
      header: 'Next follow-up',
      size: 140,
      cell: (info) => {
        const at = info.getValue();
        return (
          <span className={at !== undefined && at < now ? 'overdue' : ''}>{formatRelative(at, now)}</span>
        );
      },
    }),
  ];
}
