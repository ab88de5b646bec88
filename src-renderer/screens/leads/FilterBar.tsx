// The grid's search box and its stage and temperature filters (with live counts).
import type { RefObject } from 'react';
import type { LeadStage, Temperature } from '../../../src-shared/domain';
import { leadStages, temperatures } from '../../../src-shared/domain';
import type { LeadCounts } from '../../../src-shared/ipc/leads';
import { stageLabels } from './format';
import type { GridFilters } from './grid-prefs';

export function FilterBar({
  filters,
  onChange,
  counts,
  searchRef,
}: {
  filters: GridFilters;
  onChange: (next: GridFilters) => void;
  counts: LeadCounts | undefined;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <>
      <input
        ref={searchRef}
        type="search"
        placeholder="Search name, email or phone  ( / )"
        aria-label="Search leads"
        maxLength={200}
        value={filters.search}
        onChange={(e) => onChange({ ...filters, search: e.target.value })}
      />
      <select
        aria-label="Stage"
        value={filters.stage}
        onChange={(e) => onChange({ ...filters, stage: e.target.value as LeadStage | '' })}
      >
        <option value="">All stages</option>
        {leadStages.map((s) => (
          <option key={s} value={s}>
            {stageLabels[s]} {counts ? `(${counts.byStage[s].toLocaleString()})` : ''}
          </option>
        ))}
      </select>
      <select
        aria-label="Temperature"
        value={filters.temperature}
        onChange={(e) => onChange({ ...filters, temperature: e.target.value as Temperature | '' })}
      >
        <option value="">Any temperature</option>
        {temperatures.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </>
  );
}
