// Templates: every message the app can send, by channel, and the editor for the one chosen.
import { useState } from 'react';
import type { Template } from '../../../src-shared/domain';
import './templates.css';
import { TemplateEditor, channelLabels } from './TemplateEditor';
import { useContractQuery } from '../../bridge/query';

export function TemplatesScreen() {
  const list = useContractQuery('templates-list', {});
  const [chosen, setChosen] = useState<Template | null | undefined>(undefined);
  const templates = list.data ?? [];
  return (
    <div className="pb-screen two-pane" aria-label="Templates">
      <nav className="pane-list" aria-label="Templates list">
        <div className="pane-list-head">
          <h2>Templates</h2>
          <button type="button" className="primary" onClick={() => setChosen(null)}>
            + New template
          </button>
        </div>
        {list.error !== null ? <p className="field-error">{list.error.message}</p> : null}
        <ul>
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className={chosen?.id === t.id ? 'list-item active' : 'list-item'}
                aria-current={chosen?.id === t.id ? 'true' : undefined}
                onClick={() => setChosen(t)}
              >
                <span>{t.name}</span>
                <span className="muted small">{channelLabels[t.channel]}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="pane-main">
        {chosen === undefined ? (
          <p className="muted">Choose a template to edit it, or make a new one.</p>
        ) : (
          <TemplateEditor key={chosen?.id ?? 'new'} template={chosen} onSaved={setChosen} />
        )}
      </div>
    </div>
  );
}
