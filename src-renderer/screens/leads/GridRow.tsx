// One row of the grid: its selection box and its cells (a skeleton while its page loads).
// Memoized: a scroll moves the window by a few rows, and only the rows that came into it (or
// whose lead, place, selection or columns changed) render again, not every row on screen.
import type { Row } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import { memo } from 'react';
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';

export interface GridRowProps {
  index: number;
  start: number;
  template: string;
  /** The visible columns' ids, in order: the cells change when they do. */
  columnsKey: string;
  row: Row<Lead> | undefined;
  active: boolean;
  isSelected: boolean;
  /** Stable across renders, as are the two below. */
  onActivate: (index: number) => void;
  /** Toggles this row's selection; with Shift, the range from the last one chosen. */
  onChoose: (index: number, withShift: boolean) => void;
  onOpen: (lead: Lead) => void;
}

/** The row renders again only when what it shows changed (TanStack's Row objects are rebuilt
 * for every window, so the lead they hold is compared instead). */
function sameRow(a: GridRowProps, b: GridRowProps): boolean {
  return (
    a.index === b.index &&
    a.start === b.start &&
    a.template === b.template &&
    a.columnsKey === b.columnsKey &&
    a.row?.original === b.row?.original &&
    a.active === b.active &&
    a.isSelected === b.isSelected &&
    a.onActivate === b.onActivate &&
    a.onChoose === b.onChoose &&
    a.onOpen === b.onOpen
  );
}

export const GridRow = memo(function GridRow({
  index,
  start,
  template,
  row,
  active,
  isSelected,
  onActivate,
  onChoose,
  onOpen,
}: GridRowProps) {
  const lead = row?.original;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      aria-current={active ? 'true' : undefined}
      className={`grid-row${active ? ' active' : ''}${isSelected ? ' selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template }}
      onClick={() => onActivate(index)}
      onDoubleClick={() => lead !== undefined && onOpen(lead)}
    >
      {row === undefined || lead === undefined ? (
        <div className="skeleton" role="gridcell" />
      ) : (
        <>
          <div role="gridcell" className="select-cell">
            <input
              type="checkbox"
              tabIndex={-1}
              aria-label={`Select ${leadDisplayName(lead) || lead.email || lead.phone || 'this lead'}`}
              checked={isSelected}
              onClick={(e) => {
                e.stopPropagation();
                onActivate(index);
                onChoose(index, e.shiftKey);
              }}
              onChange={() => undefined}
            />
          </div>
          {row.getVisibleCells().map((cell) => (
            <div key={cell.id} role="gridcell">
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </div>
          ))}
        </>
      )}
    </div>
  );
}, sameRow);
