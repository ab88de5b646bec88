// The grid's header row: "select all that match", each column's title (a button where core can
// sort by it, with the direction said to assistive tech) and its resize handle (drag it, or
// focus it and press ← →).
import type { Header, Table } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import type { KeyboardEvent } from 'react';
import type { Lead } from '../../../src-shared/domain';
import { sortFieldOf } from './columns';

function ResizeHandle({ header, table }: { header: Header<Lead, unknown>; table: Table<Lead> }) {
  const size = header.column.getSize();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowRight' ? 10 : event.key === 'ArrowLeft' ? -10 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = Math.max(60, Math.min(600, size + step));
    table.setColumnSizing((sizing) => ({ ...sizing, [header.column.id]: next }));
  };
  const label = typeof header.column.columnDef.header === 'string' ? header.column.columnDef.header : '';
  return (
    <div
      className={`resizer${header.column.getIsResizing() ? ' resizing' : ''}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of ${label}`}
      aria-valuenow={size}
      aria-valuemin={60}
      aria-valuemax={600}
      tabIndex={0}
      onMouseDown={header.getResizeHandler()}
      onTouchStart={header.getResizeHandler()}
      onKeyDown={onKeyDown}
      onDoubleClick={() => header.column.resetSize()}
    />
  );
}

export interface GridHeaderProps {
  table: Table<Lead>;
  template: string;
  total: number;
  selectedCount: number;
  onSelectAll: () => void;
  onClearSelection: () => void;
}

export function GridHeader({
  table,
  template,
  total,
  selectedCount,
  onSelectAll,
  onClearSelection,
}: GridHeaderProps) {
  const all = selectedCount > 0 && selectedCount >= total;
  return (
    <div className="grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
      <div role="columnheader" className="select-cell">
        <input
          type="checkbox"
          aria-label={
            selectedCount > 0 ? 'Clear the selection' : `Select all ${total.toLocaleString()} that match`
          }
          checked={all}
          ref={(box) => {
            if (box !== null) box.indeterminate = selectedCount > 0 && !all;
          }}
          disabled={total === 0}
          onChange={() => (selectedCount > 0 ? onClearSelection() : onSelectAll())}
        />
      </div>
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
            <ResizeHandle header={header} table={table} />
          </div>
        );
      })}
    </div>
  );
}
