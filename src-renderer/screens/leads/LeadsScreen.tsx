// The lead grid with quick search, stage and temperature filters, saved views, column choice
// and widths (remembered on this computer), multi-select with bulk actions and their undo,
// and the bin. Enter or a double click opens the lead's page; "/" searches, "n" adds a lead.
import type { ColumnSizingState, SortingState, VisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useBridge } from '../../bridge/context';
import { messageOf, useContractQuery } from '../../bridge/query';
import { isShortcutEvent } from '../../shell/keys';
import { hrefOf, navigate } from '../../shell/router';
import { BulkBar, type Done } from './BulkBar';
import { ColumnsMenu } from './ColumnsMenu';
import { ExportButton } from './ExportButton';
import { FilterBar } from './FilterBar';
import type { GridFilters, SavedView } from './grid-prefs';
import {
  defaultSort,
  loadColumns,
  loadViews,
  noFilters,
  saveColumns,
  saveViews,
  withView,
} from './grid-prefs';
import { LeadCounts } from './LeadCounts';
import { LeadForm } from './LeadForm';
import { LeadGrid } from './LeadGrid';
import { SavedViews } from './SavedViews';
import './leads.css';

export function LeadsScreen() {
  const bridge = useBridge();
  const [filters, setFilters] = useState<GridFilters>(noFilters);
  const [debouncedSearch, setDebouncedSearch] = useState('');
  const [inBin, setInBin] = useState(false);
  const [creating, setCreating] = useState(false);
  const [columns, setColumns] = useState(loadColumns);
  const [sorting, setSorting] = useState<SortingState>([defaultSort]);
  const [views, setViews] = useState(loadViews);
  const [view, setView] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [lastDone, setLastDone] = useState<Done | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [matching, setMatching] = useState<number | null>(null);
  const counts = useContractQuery('leads-counts', {}).data;
  const searchInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setDebouncedSearch(filters.search), 200);
    return () => clearTimeout(timer);
  }, [filters.search]);
  useEffect(() => saveColumns(columns), [columns]);

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

  const query = {
    ...(debouncedSearch.trim() === '' ? {} : { search: debouncedSearch }),
    ...(filters.stage === '' ? {} : { stages: [filters.stage] }),
    ...(filters.temperature === '' ? {} : { temperatures: [filters.temperature] }),
    ...(inBin ? { deleted: true } : {}),
  };
  const queryKey = JSON.stringify(query);
  // A selection belongs to what is on screen: new filters start a new one.
  useEffect(() => setSelected(new Set()), [queryKey]);

  const changeFilters = (next: GridFilters): void => {
    setFilters(next);
    setView('');
  };
  const pickView = (picked: SavedView | null): void => {
    setView(picked?.name ?? '');
    setFilters(picked?.filters ?? noFilters);
    setDebouncedSearch(picked?.filters.search ?? '');
    setSorting([picked?.sort ?? defaultSort]);
    if (picked !== null) setColumns((c) => ({ ...c, visibility: picked.visibility }));
  };
  const saveView = (name: string): void => {
    const next = withView(views, {
      name,
      filters,
      visibility: columns.visibility,
      sort: sorting[0] ?? defaultSort,
    });
    setViews(next);
    saveViews(next);
    setView(name);
  };
  const deleteView = (name: string): void => {
    const next = views.filter((v) => v.name !== name);
    setViews(next);
    saveViews(next);
    setView('');
  };

  const select = useCallback((ids: string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  }, []);
  const selectAll = (): void => {
    bridge
      .invoke('leads-ids', JSON.parse(queryKey) as typeof query)
      .then((result) => {
        setSelected(new Set(result.ids));
        setNotice(
          result.total > result.ids.length
            ? `Selected the first ${result.ids.length.toLocaleString()} of ${result.total.toLocaleString()}; narrow the filters to act on the rest.`
            : null,
        );
      })
      .catch((error: unknown) => setNotice(`Could not select them: ${messageOf(error)}`));
  };
  const onDone = (done: Done): void => {
    setLastDone(done);
    setNotice(done.said);
    setSelected(new Set());
  };
  const undo = (): void => {
    const done = lastDone;
    setLastDone(null);
    done
      ?.undo()
      .then(setNotice)
      .catch((error: unknown) => setNotice(`Could not undo: ${messageOf(error)}`));
  };
  const setColumnSizing = (update: ColumnSizingState | ((old: ColumnSizingState) => ColumnSizingState)) =>
    setColumns((c) => ({ ...c, sizing: typeof update === 'function' ? update(c.sizing) : update }));

  return (
    <>
      <div className="toolbar">
        <FilterBar filters={filters} onChange={changeFilters} counts={counts} searchRef={searchInput} />
        <SavedViews views={views} current={view} onPick={pickView} onSave={saveView} onDelete={deleteView} />
        <ColumnsMenu
          visibility={columns.visibility}
          onChange={(visibility: VisibilityState) => setColumns((c) => ({ ...c, visibility }))}
          onResetWidths={() => setColumns((c) => ({ ...c, sizing: {} }))}
        />
        <label className="bin-toggle">
          <input type="checkbox" checked={inBin} onChange={(e) => setInBin(e.target.checked)} />
          Bin{counts !== undefined && counts.deleted > 0 ? ` (${counts.deleted.toLocaleString()})` : ''}
        </label>
        <a className="button" href={hrefOf('/duplicates')} title="Merge duplicates (g u)">
          Duplicates
        </a>
        <span className="toolbar-spacer" />
        <ExportButton filters={query} sorting={sorting} columnVisibility={columns.visibility} />
        <button type="button" className="primary" onClick={() => setCreating(true)} title="New lead (n)">
          + New lead
        </button>
      </div>
      {selected.size > 0 ? (
        <BulkBar ids={[...selected]} inBin={inBin} onDone={onDone} onClear={() => setSelected(new Set())} />
      ) : null}
      <div className="grid-status">
        <LeadCounts counts={counts} matching={matching} filtered={Object.keys(query).length > 0} />
        <div className="grid-notice" role="status">
          {notice !== null ? (
            <>
              {notice}{' '}
              {lastDone !== null ? (
                <button type="button" onClick={undo}>
                  Undo
                </button>
              ) : null}
              <button type="button" className="link" aria-label="Dismiss" onClick={() => setNotice(null)}>
                ×
              </button>
            </>
          ) : null}
        </div>
      </div>
      <LeadGrid
        filters={query}
        sorting={sorting}
        onSortingChange={setSorting}
        columnVisibility={columns.visibility}
        columnSizing={columns.sizing}
        onColumnSizingChange={setColumnSizing}
        selected={selected}
        onSelect={select}
        onSelectAll={selectAll}
        onOpen={(lead) => navigate(`/leads/${encodeURIComponent(lead.id)}`)}
        onTotal={setMatching}
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
