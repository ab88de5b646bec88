// Sequences (playbooks): each with its status and enrolled / completed / replied counts, and the
// builder for the one chosen. New sequences start paused, to dry-run before they go live.
import { useState } from 'react';
import type { Sequence } from '../../../src-shared/domain';
import type { RouteParams } from '../../shell/router';
import '../templates/templates.css';
import { useContractQuery } from '../../bridge/query';
import './sequences.css';
import { AssistantSwitch } from './AssistantSwitch';
import { SequenceBuilder } from './SequenceBuilder';
import { triggerInWords } from './steps';

export function SequencesScreen({ params }: { params: RouteParams }) {
  const [showArchived, setShowArchived] = useState(false);
  const list = useContractQuery('sequences-list', { includeArchived: showArchived });
  const stats = useContractQuery('sequences-stats', {});
  const templates = useContractQuery('templates-list', {});
  const [chosenId, setChosenId] = useState<string | null | undefined>(params.id);
  // The builder stays mounted while its sequence is saved (a new one gets its id): its key
  // changes only when the agent picks another sequence or starts a new one.
  const [session, setSession] = useState(0);
  const [lastSaved, setLastSaved] = useState<Sequence | null>(null);
  const sequences = list.data ?? [];
  const chosen =
    chosenId === null || chosenId === undefined
      ? chosenId
      : (sequences.find(
          (s) => s.id === chosenId && s.updatedAt >= (lastSaved?.id === s.id ? lastSaved.updatedAt : 0),
        ) ?? (lastSaved?.id === chosenId ? lastSaved : undefined));
  const pick = (id: string | null) => {
    setChosenId(id);
    setSession((n) => n + 1);
  };
  const onSaved = (s: Sequence) => {
    setLastSaved(s);
    setChosenId(s.id);
  };
  return (
    <div className="pb-screen two-pane" aria-label="Sequences">
      <nav className="pane-list" aria-label="Sequences list">
        <div className="pane-list-head">
          <h2>Sequences</h2>
          <button type="button" className="primary" onClick={() => pick(null)}>
            + New sequence
          </button>
        </div>
        <label className="small muted">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />{' '}
          Show archived
        </label>
        <ul>
          {sequences.map((s) => {
            const counts = stats.data?.[s.id];
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={chosenId === s.id ? 'list-item seq active' : 'list-item seq'}
                  aria-current={chosenId === s.id ? 'true' : undefined}
                  onClick={() => pick(s.id)}
                >
                  <span className="seq-name">
                    {s.name} <span className={`chip status-${s.status}`}>{s.status}</span>
                  </span>
                  <span className="muted small">{triggerInWords(s.trigger)}</span>
                  <span className="small">
                    {counts?.enrolled ?? 0} enrolled · {counts?.completed ?? 0} completed ·{' '}
                    {counts?.replied ?? 0} replied
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="pane-main">
        {chosen === undefined || templates.data === undefined ? (
          <p className="muted">Choose a sequence to edit it, or make a new one.</p>
        ) : (
          <>
            {chosen === null ? null : <AssistantSwitch sequenceId={chosen.id} />}
            <SequenceBuilder
              key={session}
              sequence={chosen}
              templates={templates.data}
              running={chosen === null ? 0 : (stats.data?.[chosen.id]?.enrolled ?? 0)}
              onSaved={onSaved}
            />
          </>
        )}
      </div>
    </div>
  );
}
