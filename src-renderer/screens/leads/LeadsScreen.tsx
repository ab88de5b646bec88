// The lead grid with quick search, stage and temperature filters, column choice and counts.
// Enter or a double click opens the lead's page; "/" searches, "n" adds a lead.
import type { VisibilityState } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import type { LeadStage, Temperature } from '../../../src-shared/domain';
import { leadStages, temperatures } from '../../../src-shared/domain';
import { useContractQuery } from '../../bridge/query';
import { isShortcutEvent } from '../../shell/keys';
import { navigate } from '../../shell/router';
import { stageLabels } from './format';
import { ExportButton } from './ExportButton';
import { LeadForm } from './LeadForm';
import { LeadGrid } from './LeadGrid';

const optionalColumns = [
  ['temperature', 'Temperature'],
  ['score', 'Score'],
  ['stage', 'Stage'],
  ['source', 'Source'],
  ['lastContactAt', 'Last contact'],
  ['nextFollowUpAt', 'Next follow-up'],
] as const;

export function LeadsScreen() {
  const [search, setSearch] = useState('');
  const [debouncedSearch, setDebouncedSearch] = useState('');
  const [stage, setStage] = useState<LeadStage | ''>('');
  const [temperature, setTemperature] = useState<Temperature | ''>('');
  const [creating, setCreating] = useState(false);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({});
  const [matching, setMatching] = useState<number | null>(null);
  const counts = useContractQuery('leads-counts', {}).data;
  const searchInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setDebouncedSearch(search), 200);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!isShortcutEvent(event)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchInput.current?.focus();
      } else if (event.key === 'n') {
        event.preventDefault();
        setCreating(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const filters = {
    ...(debouncedSearch.trim() === '' ? {} : { search: debouncedSearch }),
    ...(stage === '' ? {} : { stages: [stage] }),
    ...(temperature === '' ? {} : { temperatures: [temperature] }),
  };
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <div className="toolbar">
        <input
          ref={searchInput}
          type="search"
          placeholder="Search name, email or phone  ( / )"
          aria-label="Search leads"
          maxLength={200}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Stage" value={stage} onChange={(e) => setStage(e.target.value as LeadStage | '')}>
          <option value="">All stages</option>
          {leadStages.map((s) => (
            <option key={s} value={s}>
              {stageLabels[s]} {counts ? `(${counts.byStage[s].toLocaleString()})` : ''}
            </option>
          ))}
        </select>
        <select
          aria-label="Temperature"
          value={temperature}
          onChange={(e) => setTemperature(e.target.value as Temperature | '')}
        >
          <option value="">Any temperature</option>
          {temperatures.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <details className="columns-menu">
          <summary>Columns</summary>
          <div className="menu-panel">
            {optionalColumns.map(([id, label]) => (
              <label key={id}>
                <input
                  type="checkbox"
                  checked={columnVisibility[id] !== false}
                  onChange={(e) => setColumnVisibility((v) => ({ ...v, [id]: e.target.checked }))}
                />
                {label}
              </label>
            ))}
          </div>
        </details>
        <p className="counts" aria-live="polite" aria-label="Lead counts">
          {counts === undefined ? null : filtered && matching !== null ? (
            <>
              <strong>{matching.toLocaleString()}</strong> of {counts.total.toLocaleString()} leads match
            </>
          ) : (
            <>
              <strong>{counts.total.toLocaleString()}</strong> leads ·{' '}
              <span className="temp-hot">{counts.byTemperature.hot.toLocaleString()} hot</span> ·{' '}
              <span className="temp-warm">{counts.byTemperature.warm.toLocaleString()} warm</span> ·{' '}
              <span className="temp-cold">{counts.byTemperature.cold.toLocaleString()} cold</span>
            </>
          )}
        </p>
        <ExportButton filters={filters} columnVisibility={columnVisibility} />
        <button type="button" className="primary" onClick={() => setCreating(true)} title="New lead (n)">
          + New lead
        </button>
      </div>
      <LeadGrid
        filters={filters}
        onOpen={(lead) => navigate(`/leads/${encodeURIComponent(lead.id)}`)}
        onTotal={setMatching}
        columnVisibility={columnVisibility}
      />
      {creating ? (
        <LeadForm
          lead={null}
          onClose={(saved) => {
            setCreating(false);
            if (saved !== undefined) navigate(`/leads/${encodeURIComponent(saved.id)}`);
          }}
        />
      ) : null}
    </>
  );
}
