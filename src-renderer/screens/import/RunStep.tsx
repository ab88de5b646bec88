// Steps 3 and 4: the import running (rows read, imported, refused, time left; cancellable),
// then its report: the counts, every row with something to say, the whole report as CSV, and
// Undo, which removes what this import created and reverts what it merged.
import { useCallback, useId, useState } from 'react';
import type { ImportProgress } from '../../../src-shared/ipc/imports';
import { useBridge, useCoreEvent } from '../../bridge/context';
import { messageOf, useContractQuery } from '../../bridge/query';
import { downloadText } from '../../shell/download';
import { formatDuration, outcomeLabels, stateLabels } from './labels';

export function RunStep({ id, onDone }: { id: string; onDone: () => void }) {
  const bridge = useBridge();
  const ids = useId();
  const batchQuery = useContractQuery('imports-get', { id });
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [undoNote, setUndoNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onProgress = useCallback((p: ImportProgress) => (p.id === id ? setProgress(p) : undefined), [id]);
  useCoreEvent('imports-progress', onProgress);
  const batch = batchQuery.data ?? null;
  const state = batch?.state ?? 'running';
  const running = state === 'running';
  const report = useContractQuery(
    'imports-report',
    { id, limit: 200 },
    { enabled: !running && batch !== null },
  );
  if (batch === null) return <p className="screen-message">Loading the import…</p>;
  const counts = progress?.counts ?? batch.counts;
  const bytesRead = progress?.bytesRead ?? 0;

  const act = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const undo = (): Promise<void> =>
    act(async () => {
      const result = await bridge.invoke('imports-undo', { id });
      setUndoNote(
        `Undone: ${result.removed.toLocaleString()} lead(s) moved to the bin, ${result.reverted.toLocaleString()} merged lead(s) put back as they were.`,
      );
    });
  const download = (): Promise<void> =>
    act(async () => {
      const { fileName, csv } = await bridge.invoke('imports-report-csv', { id });
      downloadText(fileName, csv);
    });

  return (
    <section className="import-step" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>
        {batch.fileName}: {stateLabels[state]}
      </h2>
      {running ? (
        <>
          <progress
            max={batch.fileSize}
            value={Math.min(bytesRead, batch.fileSize)}
            aria-label="Import progress"
          />
          <p aria-live="polite">
            {counts.rowsRead.toLocaleString()} rows read · {counts.imported.toLocaleString()} imported ·{' '}
            {counts.merged.toLocaleString()} merged · {counts.refused.toLocaleString()} refused
            {progress?.msLeft === undefined ? '' : ` · about ${formatDuration(progress.msLeft)} left`}
          </p>
        </>
      ) : (
        <dl className="import-counts" aria-label="Import results">
          {(['rowsRead', 'imported', 'merged', 'skipped', 'refused', 'withWarnings'] as const).map((key) => (
            <div key={key}>
              <dt>{countLabels[key]}</dt>
              <dd>{counts[key].toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      )}
      {batch.error === undefined ? null : <p className="field-error">{batch.error}</p>}
      {state === 'interrupted' ? (
        <p className="banner">
          Porchlight stopped while this file was being imported. Resume carries on from where it stopped; no
          row is imported twice.
        </p>
      ) : null}
      {undoNote === null ? null : <p role="status">{undoNote}</p>}
      {error === null ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {running ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => bridge.invoke('imports-cancel', { id }))}
          >
            Cancel import
          </button>
        ) : null}
        {state === 'interrupted' || state === 'failed' ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void act(() => bridge.invoke('imports-resume', { id }))}
          >
            Resume
          </button>
        ) : null}
        {!running ? (
          <button type="button" disabled={busy} onClick={() => void download()}>
            Download report (CSV)
          </button>
        ) : null}
        {!running && state !== 'undone' ? (
          <button type="button" className="danger" disabled={busy} onClick={() => void undo()}>
            Undo this import
          </button>
        ) : null}
        {!running ? (
          <button type="button" onClick={onDone}>
            Import another file
          </button>
        ) : null}
      </div>
      {report.data !== undefined && report.data.total > 0 ? (
        <table className="import-report">
          <caption>
            Rows with something to say ({report.data.total.toLocaleString()}
            {report.data.total > report.data.rows.length
              ? `, the first ${report.data.rows.length} shown; all in the CSV`
              : ''}
            )
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Result</th>
              <th scope="col">Lead</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {report.data.rows.map((row) => (
              <tr key={row.row} className={row.outcome}>
                <td>{row.row}</td>
                <td>{outcomeLabels[row.outcome]}</td>
                <td>{row.label ?? '—'}</td>
                <td>{row.messages.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const countLabels = {
  rowsRead: 'Rows read',
  imported: 'Imported',
  merged: 'Merged',
  skipped: 'Skipped',
  refused: 'Refused',
  withWarnings: 'Kept with a field dropped',
};
