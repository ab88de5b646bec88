// Saved views: the grid's filters, columns and sort under a name, picked from a list and saved
// from what is on screen. A name that cannot be saved is said beside the field.
import { useState } from 'react';
import { Dialog } from '../../shell/Dialog';
import type { SavedView } from './grid-prefs';
import { VIEW_NAME_MAX, viewNameProblem } from './grid-prefs';

export interface SavedViewsProps {
  views: readonly SavedView[];
  current: string;
  onPick: (view: SavedView | null) => void;
  onSave: (name: string) => void;
  onDelete: (name: string) => void;
}

function SaveViewDialog({
  views,
  initial,
  onSave,
  onClose,
}: {
  views: readonly SavedView[];
  initial: string;
  onSave: (name: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial);
  const [tried, setTried] = useState(false);
  const problem = viewNameProblem(name, views);
  const replaces = views.some((v) => v.name === name.trim());
  return (
    <Dialog
      label="Save this view"
      onClose={onClose}
      onSubmit={() => {
        setTried(true);
        if (problem === null) {
          onSave(name.trim());
          onClose();
        }
      }}
    >
      <h2>Save this view</h2>
      <p className="muted">The search, filters, columns and sort on screen now, under a name.</p>
      <label className="field">
        <span>Name</span>
        <input
          data-autofocus
          value={name}
          maxLength={VIEW_NAME_MAX}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={tried && problem !== null}
          aria-describedby="view-name-error"
        />
        {tried && problem !== null ? (
          <span id="view-name-error" className="field-error" role="alert">
            {problem}
          </span>
        ) : replaces ? (
          <span id="view-name-error" className="muted">
            This replaces the view of that name.
          </span>
        ) : null}
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Save view
        </button>
      </div>
    </Dialog>
  );
}

export function SavedViews({ views, current, onPick, onSave, onDelete }: SavedViewsProps) {
  const [saving, setSaving] = useState(false);
  return (
    <div className="saved-views">
      <select
        aria-label="Saved view"
        value={current}
        onChange={(e) => onPick(views.find((v) => v.name === e.target.value) ?? null)}
      >
        <option value="">All leads</option>
        {views.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => setSaving(true)}>
        Save view
      </button>
      {current !== '' ? (
        <button
          type="button"
          className="link"
          onClick={() => onDelete(current)}
          aria-label={`Delete view ${current}`}
        >
          Delete view
        </button>
      ) : null}
      {saving ? (
        <SaveViewDialog views={views} initial={current} onSave={onSave} onClose={() => setSaving(false)} />
      ) : null}
    </div>
  );
}
