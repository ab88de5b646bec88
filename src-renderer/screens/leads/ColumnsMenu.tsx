// Which columns the grid shows; remembered on this computer with their widths (grid-prefs).
import type { VisibilityState } from '@tanstack/react-table';
import { optionalColumns } from './columns';

export function ColumnsMenu({
  visibility,
  onChange,
  onResetWidths,
}: {
  visibility: VisibilityState;
  onChange: (next: VisibilityState) => void;
  onResetWidths: () => void;
}) {
  return (
    <details className="columns-menu">
      <summary>Columns</summary>
      <div className="menu-panel">
        {optionalColumns.map(([id, label]) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={visibility[id] !== false}
              onChange={(e) => onChange({ ...visibility, [id]: e.target.checked })}
            />
            {label}
          </label>
        ))}
        <button type="button" className="link" onClick={onResetWidths}>
          Reset column widths
        </button>
      </div>
    </details>
  );
}
