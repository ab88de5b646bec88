// One row of the grid: its selection box and its cells (a skeleton while its page loads).
import type { Row } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';

export interface GridRowProps {
  index: number;
  start: number;
  template: string;
  row: Row<Lead> | undefined;
  active: boolean;
  selected: ReadonlySet<string>;
  onActivate: () => void;
  /** Toggles this row's selection; with Shift, the range from the last one chosen. */
  onChoose: (withShift: boolean) => void;
  onOpen: (lead: Lead) => void;
}

export function GridRow({
  index,
  start,
  template,
  row,
  active,
  selected,
  onActivate,
  onChoose,
  onOpen,
}: GridRowProps) {
  const lead = row?.original;
  const isSelected = lead !== undefined && selected.has(lead.id);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      aria-current={active ? 'true' : undefined}
      className={`grid-row${active ? ' active' : ''}${isSelected ? ' selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template }}
      onClick={onActivate}
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
                onActivate();
                onChoose(e.shiftKey);
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
}
