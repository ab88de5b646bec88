// The lead grid: TanStack Table for columns, sorting, column choice and widths; TanStack
// Virtual for rows, so 100k leads cost only the rows on screen. Rows come page by page from
// core (use-lead-pages.ts). Keyboard: arrows and PageUp/PageDown move, Space selects, Enter
// opens; a column's edge is dragged (or focused and moved with ← →) to change its width.
import type { ColumnSizingState, OnChangeFn, SortingState, VisibilityState } from '@tanstack/react-table';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Lead } from '../../../src-shared/domain';
import type { LeadsQuery } from '../../../src-shared/ipc/leads';
import { gridSortOf, leadColumns } from './columns';
import { GridHeader } from './GridHeader';
import { GridRow } from './GridRow';
import { useLeadPages } from './use-lead-pages';

const ROW_HEIGHT = 36;
export const SELECT_WIDTH = 40;

export interface LeadGridProps {
  filters: Omit<LeadsQuery, 'offset' | 'limit' | 'sort'>;
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  columnVisibility: VisibilityState;
  columnSizing: ColumnSizingState;
  onColumnSizingChange: OnChangeFn<ColumnSizingState>;
  selected: ReadonlySet<string>;
  /** Toggles leads; `ids` holds more than one for a Shift+click range. */
  onSelect: (ids: string[], select: boolean) => void;
  onSelectAll: () => void;
  onOpen: (lead: Lead) => void;
  /** How many leads match the filters, once known. */
  onTotal?: (total: number) => void;
}

export function LeadGrid(props: LeadGridProps) {
  const { filters, sorting, columnVisibility, columnSizing, selected, onSelect, onOpen, onTotal } = props;
  const [active, setActive] = useState(0);
  const anchor = useRef<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const now = useMemo(() => Date.now(), []);
  const columns = useMemo(() => leadColumns(now), [now]);
  const pages = useLeadPages({ ...filters, sort: gridSortOf(sorting) });

  useEffect(() => {
    if (!pages.loading) onTotal?.(pages.total);
  }, [onTotal, pages.loading, pages.total]);

  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange } = pages;
  useEffect(() => ensureRange(first, last), [ensureRange, first, last]);

  const windowRows = useMemo(() => {
    const rows: Lead[] = [];
    for (let i = first; i <= last; i++) {
      const row = pages.rowAt(i);
      if (row === undefined) break;
      rows.push(row);
    }
    return rows;
    // `version` changes when pages arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, last, pages.version, pages.rowAt]);

  const table = useReactTable({
    data: windowRows,
    columns,
    state: { sorting, columnVisibility, columnSizing },
    onSortingChange: props.onSortingChange,
    onColumnSizingChange: props.onColumnSizingChange,
    manualSorting: true,
    enableMultiSort: false,
    // The grid is always in some order; a further click only turns it around.
    enableSortingRemoval: false,
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    defaultColumn: { minSize: 60, maxSize: 600 },
    getRowId: (lead) => lead.id,
    getCoreRowModel: getCoreRowModel(),
  });
  const tableRows = table.getRowModel().rows;

  /** Selects one row, or with Shift the loaded rows from the last one chosen to this one. */
  const choose = (index: number, withShift: boolean): void => {
    const lead = pages.rowAt(index);
    if (lead === undefined) return;
    const select = !selected.has(lead.id);
    if (withShift && anchor.current !== null) {
      const ids: string[] = [];
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      for (let i = from; i <= to; i++) {
        const row = pages.rowAt(i);
        if (row !== undefined) ids.push(row.id);
      }
      onSelect(ids, true);
    } else onSelect([lead.id], select);
    anchor.current = index;
  };

  const move = (to: number): void => {
    const next = Math.max(0, Math.min(pages.total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows),
      PageUp: () => move(active - pageRows),
      Home: () => move(0),
      End: () => move(pages.total - 1),
      ' ': () => choose(active, event.shiftKey),
      Enter: () => {
        const lead = pages.rowAt(active);
        if (lead !== undefined) onOpen(lead);
      },
    };
    const action = keys[event.key];
    if (action !== undefined) {
      event.preventDefault();
      action();
    }
  };

  // Stable handlers for the memoized rows: they call what the latest render defined.
  const latest = useRef({ choose, onOpen });
  latest.current = { choose, onOpen };
  const activateRow = useCallback((index: number) => setActive(index), []);
  const chooseRow = useCallback(
    (index: number, withShift: boolean) => latest.current.choose(index, withShift),
    [],
  );
  const openRow = useCallback((lead: Lead) => latest.current.onOpen(lead), []);

  const visible = table.getVisibleLeafColumns();
  const columnsKey = visible.map((c) => c.id).join(',');
  const template = [`${SELECT_WIDTH}px`, ...visible.map((c) => `${c.getSize()}px`)].join(' ');
  const width = SELECT_WIDTH + visible.reduce((sum, c) => sum + c.getSize(), 0);

  return (
    <div className="grid">
      {pages.error !== null ? (
        <p className="grid-message error" role="alert">
          Could not load the leads: {pages.error}
        </p>
      ) : null}
      {!pages.loading && pages.total === 0 && pages.error === null ? (
        <p className="grid-message">
          {filters.deleted === true
            ? 'The bin is empty.'
            : 'No leads match. Clear the search or the filters, or add a lead.'}
        </p>
      ) : null}
      <div
        className="grid-table"
        role="grid"
        aria-rowcount={pages.total + 1}
        aria-multiselectable="true"
        aria-label="Leads"
        style={{ minWidth: width }}
      >
        <GridHeader
          table={table}
          template={template}
          total={pages.total}
          selectedCount={selected.size}
          onSelectAll={props.onSelectAll}
          onClearSelection={() => onSelect([...selected], false)}
        />
        <div
          className="grid-body"
          role="rowgroup"
          ref={scroller}
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="grid-body"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = tableRows[item.index - first];
              return (
                <GridRow
                  key={item.key}
                  index={item.index}
                  start={item.start}
                  template={template}
                  columnsKey={columnsKey}
                  row={row}
                  active={item.index === active}
                  isSelected={row !== undefined && selected.has(row.original.id)}
                  onActivate={activateRow}
                  onChoose={chooseRow}
                  onOpen={openRow}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
