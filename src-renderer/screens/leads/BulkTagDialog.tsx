// Add a tag to, or take it off, the selected leads. The contract's limit (40 characters) is
// held while typing; an empty tag is said beside the field.
import { useState } from 'react';
import { Dialog } from '../../shell/Dialog';

export function TagDialog({
  count,
  onApply,
  onClose,
}: {
  count: number;
  onApply: (kind: 'add-tag' | 'remove-tag', tag: string) => void;
  onClose: () => void;
}) {
  const [tag, setTag] = useState('');
  const [kind, setKind] = useState<'add-tag' | 'remove-tag'>('add-tag');
  const [tried, setTried] = useState(false);
  const clean = tag.trim();
  return (
    <Dialog
      label="Tag the selected leads"
      onClose={onClose}
      onSubmit={() => {
        setTried(true);
        if (clean !== '') onApply(kind, clean);
      }}
    >
      <h2>Tag {count.toLocaleString()} leads</h2>
      <fieldset className="choices">
        <legend>Do</legend>
        <label>
          <input
            type="radio"
            name="tag-kind"
            checked={kind === 'add-tag'}
            onChange={() => setKind('add-tag')}
          />
          Add the tag
        </label>
        <label>
          <input
            type="radio"
            name="tag-kind"
            checked={kind === 'remove-tag'}
            onChange={() => setKind('remove-tag')}
          />
          Take the tag off
        </label>
      </fieldset>
      <label className="field">
        <span>Tag (up to 40 characters)</span>
        <input
          data-autofocus
          value={tag}
          maxLength={40}
          onChange={(e) => setTag(e.target.value)}
          aria-invalid={tried && clean === ''}
          aria-describedby="bulk-tag-error"
        />
        {tried && clean === '' ? (
          <span id="bulk-tag-error" className="field-error" role="alert">
            Enter a tag.
          </span>
        ) : null}
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {kind === 'add-tag' ? 'Add tag' : 'Take it off'}
        </button>
      </div>
    </Dialog>
  );
}
