// The Import screen: choose a CSV file -> match its columns (with a preview of the first rows as
// leads) -> import with progress -> the report, with Undo. Earlier imports are listed below,
// so an interrupted one can be resumed and any one undone or its report downloaded.
import { useState } from 'react';
import type { ColumnMapping, ImportPreset } from '../../../src-shared/imports';
import type { ImportInspection } from '../../../src-shared/ipc/imports';
import { useBridge } from '../../bridge/context';
import { messageOf, useContractQuery } from '../../bridge/query';
import { stateLabels } from './labels';
import { MappingStep, type StartChoice } from './MappingStep';
import { RunStep } from './RunStep';
import { uploadFile } from './upload';

type Step = { step: 'choose' } | { step: 'map'; inspection: ImportInspection } | { step: 'run'; id: string };

export function ImportScreen() {
  const bridge = useBridge();
  const [step, setStep] = useState<Step>({ step: 'choose' });
  const [sent, setSent] = useState<{ name: string; bytes: number; of: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const history = useContractQuery('imports-list', {});

  const run = async (action: () => Promise<void>): Promise<void> => {
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

  const choose = (file: File): Promise<void> =>
    run(async () => {
      if (!/\.(csv|tsv|txt)$/i.test(file.name) && file.type !== 'text/csv')
        throw new Error(`"${file.name}" is not a CSV file. Export your leads as CSV and choose that file.`);
      setSent({ name: file.name, bytes: 0, of: file.size });
      const id = await uploadFile(bridge, file, (bytes) =>
        setSent({ name: file.name, bytes, of: file.size }),
      );
      setStep({ step: 'map', inspection: await bridge.invoke('imports-inspect', { id }) });
      setSent(null);
    });

  const reinspect = (id: string, asked: { preset: ImportPreset; mapping?: ColumnMapping }): Promise<void> =>
    run(async () =>
      setStep({ step: 'map', inspection: await bridge.invoke('imports-inspect', { id, ...asked }) }),
    );

  const start = (id: string, choice: StartChoice): Promise<void> =>
    run(async () => {
      await bridge.invoke('imports-start', { id, ...choice });
      setStep({ step: 'run', id });
    });

  return (
    <div className="import-screen">
      <h1 className="screen-title">Import leads from a CSV file</h1>
      {step.step === 'choose' ? (
        <section className="import-step" aria-label="Choose a file">
          <p>
            Export your leads as CSV from Follow Up Boss, Zillow Premier Agent, kvCORE, Realtor.com or any
            spreadsheet. Nothing is written until you have seen the first rows as leads.
          </p>
          <label className="file-pick">
            <span>Choose a CSV file</span>
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file !== undefined) void choose(file);
              }}
            />
          </label>
          {sent === null ? null : (
            <p aria-live="polite">
              Reading {sent.name}: {Math.round((sent.bytes / Math.max(sent.of, 1)) * 100)}%
            </p>
          )}
          {error === null ? null : (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </section>
      ) : null}
      {step.step === 'map' ? (
        <MappingStep
          inspection={step.inspection}
          busy={busy}
          error={error}
          onChange={(asked) => void reinspect(step.inspection.batch.id, asked)}
          onStart={(choice) => void start(step.inspection.batch.id, choice)}
          onCancel={() => setStep({ step: 'choose' })}
        />
      ) : null}
      {step.step === 'run' ? <RunStep id={step.id} onDone={() => setStep({ step: 'choose' })} /> : null}
      {step.step !== 'run' && (history.data?.length ?? 0) > 0 ? (
        <section className="import-history" aria-label="Earlier imports">
          <h2>Earlier imports</h2>
          <ul>
            {history.data?.map((batch) => (
              <li key={batch.id}>
                <button type="button" className="link" onClick={() => setStep({ step: 'run', id: batch.id })}>
                  {batch.fileName}
                </button>{' '}
                · {new Date(batch.createdAt).toLocaleString()} · {stateLabels[batch.state]} ·{' '}
                {batch.counts.imported.toLocaleString()} imported, {batch.counts.merged.toLocaleString()}{' '}
                merged, {batch.counts.refused.toLocaleString()} refused
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
