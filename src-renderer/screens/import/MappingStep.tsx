// Step 2: what each column becomes, what to do with duplicates, whether to start a sequence,
// and the first rows as the leads they would become (with the report's own words).
import { useId, useState } from 'react';
import type { ColumnMapping, DuplicateChoice, ImportPreset, ImportTarget } from '../../../src-shared/imports';
import {
  duplicateChoices,
  importPresets,
  importTargetLabels,
  importTargets,
  presetDefinitions,
} from '../../../src-shared/imports';
import type { ImportInspection } from '../../../src-shared/ipc/imports';
import { useContractQuery } from '../../bridge/query';
import { sourceLabels, stageLabels } from '../leads/format';
import { delimiterLabels, duplicateLabels, encodingLabels } from './labels';

export interface StartChoice {
  preset: ImportPreset;
  mapping: ColumnMapping;
  duplicates: DuplicateChoice;
  sequenceId?: string;
  /** In a team: the new leads go to the team's routing rules, or stay the importer's. */
  owner: 'mine' | 'team';
}

export interface MappingStepProps {
  inspection: ImportInspection;
  busy: boolean;
  error: string | null;
  onChange: (asked: { preset: ImportPreset; mapping?: ColumnMapping }) => void;
  onStart: (choice: StartChoice) => void;
  onCancel: () => void;
}

export function MappingStep({ inspection, busy, error, onChange, onStart, onCancel }: MappingStepProps) {
  const [duplicates, setDuplicates] = useState<DuplicateChoice>('merge');
  const [sequenceId, setSequenceId] = useState('');
  const [owner, setOwner] = useState<'mine' | 'team'>('team');
  const inTeam = (useContractQuery('sync-status', {}).data?.agent ?? null) !== null;
  const sequences = useContractQuery('sequences-list', {}).data ?? [];
  const active = sequences.filter((s) => s.status === 'active');
  const ids = useId();
  const { batch, mapping, preset } = inspection;
  const setTarget = (header: string, target: ImportTarget): void =>
    onChange({ preset, mapping: { ...mapping, [header]: target } });

  return (
    <section className="import-step" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Match the columns</h2>
      <p className="muted">
        <strong>{batch.fileName}</strong> · {encodingLabels[inspection.encoding]} · separated by{' '}
        {delimiterLabels[inspection.delimiter]} ·{' '}
        {preset === 'generic' ? 'a spreadsheet' : `looks like a ${presetDefinitions[preset].label} export`}
        {inspection.mappingRemembered ? ' · your choices from last time' : ''}
      </p>
      <div className="import-options">
        <label className="field">
          <span>Exported from</span>
          <select value={preset} onChange={(e) => onChange({ preset: e.target.value as ImportPreset })}>
            {importPresets.map((p) => (
              <option key={p} value={p}>
                {presetDefinitions[p].label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend>When a row matches a lead by email or phone</legend>
          {duplicateChoices.map((choice) => (
            <label key={choice} className="radio">
              <input
                type="radio"
                name={`${ids}-duplicates`}
                value={choice}
                checked={duplicates === choice}
                onChange={() => setDuplicates(choice)}
              />
              {duplicateLabels[choice]}
            </label>
          ))}
        </fieldset>
        {inTeam ? (
          <fieldset className="field">
            <legend>Who gets the new leads</legend>
            <label className="radio">
              <input
                type="radio"
                name={`${ids}-owner`}
                checked={owner === 'team'}
                onChange={() => setOwner('team')}
              />
              The team’s routing rules (each agent is told once for the whole import)
            </label>
            <label className="radio">
              <input
                type="radio"
                name={`${ids}-owner`}
                checked={owner === 'mine'}
                onChange={() => setOwner('mine')}
              />
              Keep these leads: they stay mine
            </label>
          </fieldset>
        ) : null}
        <label className="field">
          <span>Follow-up for the imported leads</span>
          <select value={sequenceId} onChange={(e) => setSequenceId(e.target.value)}>
            <option value="">None: imported leads start no sequence</option>
            {active.map((s) => (
              <option key={s.id} value={s.id}>
                Start “{s.name}”
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="import-mapping">
        <caption>Columns in the file</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Becomes</th>
          </tr>
        </thead>
        <tbody>
          {inspection.headers.map((header) => (
            <tr key={header}>
              <th scope="row">{header}</th>
              <td>
                <select
                  aria-label={`Column "${header}" becomes`}
                  value={mapping[header] ?? 'ignore'}
                  onChange={(e) => setTarget(header, e.target.value as ImportTarget)}
                >
                  {importTargets.map((t) => (
                    <option key={t} value={t}>
                      {importTargetLabels[t]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {inspection.problems.length > 0 ? (
        <ul className="field-error" role="alert">
          {inspection.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <table className="import-preview">
        <caption>The first rows as leads</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">Stage</th>
            <th scope="col">Source</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {inspection.preview.map((lead) => (
            <tr key={lead.row} className={lead.outcome === 'refused' ? 'refused' : undefined}>
              <td>{lead.row}</td>
              <td>{lead.outcome === 'refused' ? '(refused)' : lead.name}</td>
              <td>{lead.email ?? '—'}</td>
              <td>{lead.phone ?? '—'}</td>
              <td>{stageLabels[lead.stage]}</td>
              <td>{sourceLabels[lead.source]}</td>
              <td>{lead.messages.join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error === null ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Choose another file
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || inspection.problems.length > 0}
          onClick={() =>
            onStart({
              preset,
              mapping,
              duplicates,
              owner: inTeam ? owner : 'mine',
              ...(sequenceId === '' ? {} : { sequenceId }),
            })
          }
        >
          Import
        </button>
      </div>
    </section>
  );
}
