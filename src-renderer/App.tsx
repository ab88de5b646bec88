// The first screen: the lead grid with quick search, stage and temperature filters, column
// choice, counts, and the add/edit form. Shortcuts: "/" search, "n" new lead, Esc closes.
import type { VisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lead, LeadStage, Temperature } from '../src-shared/domain';
import { leadStages, temperatures } from '../src-shared/domain';
import type { AppInfo } from '../src-shared/ipc/app';
import type { LeadCounts } from '../src-shared/ipc/leads';
import { useBridge, useCoreEvent } from './bridge/context';
import { stageLabels } from './leads/format';
import { LeadForm } from './leads/LeadForm';
import { LeadGrid } from './leads/LeadGrid';
import { SettingsDialog } from './settings/SettingsDialog';
import { AttentionStrip } from './shell/AttentionStrip';
import { Toasts } from './shell/Toasts';

const optionalColumns = [
  ['temperature', 'Temperature'],
  ['score', 'Score'],
  ['stage', 'Stage'],
  ['source', 'Source'],
  ['lastContactAt', 'Last contact'],
  ['nextFollowUpAt', 'Next follow-up'],
] as const;

export function App() {
  const bridge = useBridge();
  const [search, setSearch] = useState('');
  const [debouncedSearch, setDebouncedSearch] = useState('');
  const [stage, setStage] = useState<LeadStage | ''>('');
  const [temperature, setTemperature] = useState<Temperature | ''>('');
  const [editing, setEditing] = useState<Lead | null | undefined>(undefined);
  const [counts, setCounts] = useState<LeadCounts | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({});
  const [settingsOpen, setSettingsOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setDebouncedSearch(search), 200);
    return () => clearTimeout(timer);
  }, [search]);

  const refresh = useCallback(() => {
    void bridge.invoke('leads-counts', {}).then(setCounts);
    void bridge.invoke('app-info', {}).then(setInfo);
  }, [bridge]);
  useEffect(refresh, [refresh]);
  useCoreEvent('leads-changed', refresh);
  useCoreEvent('demo-changed', refresh);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (typing || editing !== undefined || settingsOpen || event.ctrlKey || event.metaKey || event.altKey)
        return;
      if (event.key === '/') {
        event.preventDefault();
        searchInput.current?.focus();
      } else if (event.key === 'n') {
        event.preventDefault();
        setEditing(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, settingsOpen]);

  const filters = {
    ...(debouncedSearch.trim() === '' ? {} : { search: debouncedSearch }),
    ...(stage === '' ? {} : { stages: [stage] }),
    ...(temperature === '' ? {} : { temperatures: [temperature] }),
  };

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          <span className="logo" aria-hidden="true">
            ◉
          </span>{' '}
          Porchlight
        </h1>
        {counts !== null ? (
          <p className="counts" aria-label="Lead counts">
            <strong>{counts.total.toLocaleString()}</strong> leads ·{' '}
            <span className="temp-hot">{counts.byTemperature.hot.toLocaleString()} hot</span> ·{' '}
            <span className="temp-warm">{counts.byTemperature.warm.toLocaleString()} warm</span> ·{' '}
            <span className="temp-cold">{counts.byTemperature.cold.toLocaleString()} cold</span>
          </p>
        ) : null}
        <AttentionStrip />
        <button type="button" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
        <button type="button" className="primary" onClick={() => setEditing(null)} title="New lead (n)">
          + New lead
        </button>
      </header>
      {info?.hasDemo ? (
        <div className="banner" role="status">
          You are looking at a demo workspace: fictional leads that never reach a real phone or inbox.
          <button type="button" onClick={() => void bridge.invoke('demo-remove', {})}>
            Remove demo data
          </button>
        </div>
      ) : null}
      <div className="toolbar">
        <input
          ref={searchInput}
          type="search"
          placeholder="Search name, email or phone  ( / )"
          aria-label="Search leads"
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
        </details>
      </div>
      <LeadGrid filters={filters} onOpen={setEditing} columnVisibility={columnVisibility} />
      {editing !== undefined ? <LeadForm lead={editing} onClose={() => setEditing(undefined)} /> : null}
      {settingsOpen ? <SettingsDialog onClose={() => setSettingsOpen(false)} /> : null}
      <Toasts />
    </div>
  );
}
