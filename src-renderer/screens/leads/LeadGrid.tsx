// The lead grid: TanStack Table for columns, sorting state and column choice; TanStack
// Virtual for rows, so 100k leads cost only the rows on screen. Rows come page by page
// from core (use-lead-pages.ts). Keyboard: arrows and PageUp/PageDown move, Enter opens.
import type { SortingState, VisibilityState } from '@tanstack/react-table';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Lead } from '../../../src-shared/domain';
import type { LeadsQuery } from '../../../src-shared/ipc/leads';
import { leadColumns, sortFieldOf } from './columns';
import { useLeadPages } from './use-lead-pages';

const ROW_HEIGHT = 36;

export interface LeadGridProps {
  filters: Omit<LeadsQuery, 'offset' | 'limit' | 'sort'>;
  onOpen: (lead: Lead) => void;
  /** How many leads match the filters, once known. */
  onTotal?: (total: number) => void;
  columnVisibility: VisibilityState;
}

export function LeadGrid({ filters, onOpen, onTotal, columnVisibility }: LeadGridProps) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'score', desc: true }]);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const now = useMemo(() => Date.now(), []);
  const columns = useMemo(() => leadColumns(now), [now]);
  const sort = sorting[0];
  const field = sort === undefined ? undefined : sortFieldOf[sort.id];
  const pages = useLeadPages({
    ...filters,
    sort:
      field === undefined
        ? { field: 'score', direction: 'desc' }
        : { field, direction: sort?.desc ? 'desc' : 'asc' },
  });

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
    state: { sorting, columnVisibility },
    onSortingChange: setSorting,
    manualSorting: true,
    enableMultiSort: false,
    // The grid is always in some order; a third click does not drop the sort.
    enableSortingRemoval: false,
    sortDescFirst: true,
    getRowId: (lead) => lead.id,
    getCoreRowModel: getCoreRowModel(),
  });
  const tableRows = table.getRowModel().rows;

  const move = (to: number): void => {
    const next = Math.max(0, Math.min(pages.total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows),
      PageUp: () => move(active - pageRows),
      Home: () => move(0),
      End: () => move(pages.total - 1),
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

  const template = table
    .getVisibleLeafColumns()
    .map((c) => `${c.getSize()}px`)
    .join(' ');

  return (
    <div className="grid">
      {pages.error !== null ? (
        <p className="grid-message error" role="alert">
          Could not load the leads: {pages.error}
        </p>
      ) : null}
      {!pages.loading && pages.total === 0 && pages.error === null ? (
        <p className="grid-message">No leads match. Clear the search or add a lead.</p>
      ) : null}
      <div className="grid-table" role="grid" aria-rowcount={pages.total + 1} aria-label="Leads">
        <div className="grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {table.getFlatHeaders().map((header) => {
            const sortable = sortFieldOf[header.column.id] !== undefined;
            const direction = header.column.getIsSorted();
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
              >
                {sortable ? (
                  <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    <span aria-hidden="true">
                      {direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}
                    </span>
                  </button>
                ) : (
                  flexRender(header.column.columnDef.header, header.getContext())
                )}
              </div>
            );
          })}
        </div>
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
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={item.index === active}
                  className={`grid-row${item.index === active ? ' active' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
                  onClick={() => setActive(item.index)}
                  onDoubleClick={() => row !== undefined && onOpen(row.original)}
                >
                  {row === undefined ? (
                    <div className="skeleton" role="gridcell" />
                  ) : (
                    row.getVisibleCells().map((cell) => (
                      <div key={cell.id} role="gridcell">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </div>
                    ))
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
