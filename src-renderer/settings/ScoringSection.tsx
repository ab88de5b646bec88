// Settings → Scoring: factor weights, the hot and warm thresholds and each source's quality,
// with the effect on the current leads previewed before saving (how many change temperature,
// the biggest moves). Saving rescores every lead; nothing changes until then.
import { useEffect, useState } from 'react';
import { leadSourceLabels, leadSources, type LeadSource } from '../../src-shared/domain';
import type { ScoringPreviewLeads, ScoringSettingsPatch } from '../../src-shared/ipc/scoring';
import type { FactorWeights, ScoringSettings } from '../../src-shared/scoring';
import { DEFAULT_SOURCE_QUALITY } from '../../src-shared/scoring';
import { useBridge } from '../bridge/context';
import { Field, OutcomeLine, outcomeOf, type Outcome } from './fields';
import { ScoringPreviewTable } from './ScoringPreviewTable';

const factors: [keyof FactorWeights, string][] = [
  ['content', 'What they wrote'],
  ['engagement', 'Engagement (replies, opens)'],
  ['source', 'Lead source'],
  ['timing', 'Timing (how recent)'],
  ['fit', 'Price and area fit'],
];

type Form = Record<string, string>;

function formOf(s: ScoringSettings): Form {
  const form: Form = { hot: String(s.thresholds.hot), warm: String(s.thresholds.warm) };
  for (const [factor] of factors) form[`w.${factor}`] = String(s.weights[factor]);
  for (const source of leadSources)
    form[`s.${source}`] = String(
      Math.round((s.sourceQuality[source] ?? DEFAULT_SOURCE_QUALITY[source]) * 100),
    );
  return form;
}

function patchOf(form: Form): ScoringSettingsPatch {
  const num = (key: string): number => Number(form[key] ?? '');
  const weights: Partial<FactorWeights> = {};
  for (const [factor] of factors) weights[factor] = num(`w.${factor}`);
  const sourceQuality: Partial<Record<LeadSource, number>> = {};
  for (const source of leadSources) sourceQuality[source] = num(`s.${source}`) / 100;
  return { weights, thresholds: { hot: num('hot'), warm: num('warm') }, sourceQuality };
}

/** A field error keyed by the patch's path, shown by the form's key. */
function errorKeyOf(path: string): string {
  if (path === 'thresholds') return 'warm';
  return path
    .replace(/^weights\./, 'w.')
    .replace(/^sourceQuality\./, 's.')
    .replace(/^thresholds\./, '');
}

export function ScoringSection() {
  const bridge = useBridge();
  const [form, setForm] = useState<Form | null>(null);
  const [preview, setPreview] = useState<ScoringPreviewLeads | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('scoring-settings-get', {}).then((s) => setForm(formOf(s)));
  }, [bridge]);
  if (form === null) return <p>Loading…</p>;
  const set = (key: string) => (value: string) => {
    setForm({ ...form, [key]: value });
    setPreview(null);
  };
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(outcome?.fieldErrors ?? {}))
    errors[errorKeyOf(path.replace(/^settings\.|^patch\./, ''))] ??= message;

  const runPreview = async (): Promise<void> => {
    try {
      setPreview(await bridge.invoke('scoring-preview-leads', { settings: patchOf(form) }));
      setOutcome(null);
    } catch (e) {
      setPreview(null);
      setOutcome(outcomeOf(e));
    }
  };
  const save = async (): Promise<void> => {
    try {
      setForm(formOf(await bridge.invoke('scoring-settings-update', { patch: patchOf(form) })));
      setPreview(null);
      setOutcome({ ok: true, text: 'Saved. Every lead is being rescored with these settings.' });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  const input = (key: string, label: string) => (
    <Field
      key={key}
      label={label}
      name={key}
      value={form[key] ?? ''}
      onChange={set(key)}
      error={errors[key]}
    />
  );
  return (
    <section aria-label="Scoring">
      <h4>Factor weights (how much each counts)</h4>
      <div className="form-grid three">{factors.map(([factor, label]) => input(`w.${factor}`, label))}</div>
      <h4>Temperature</h4>
      <div className="form-grid three">
        {input('hot', 'Hot from score')}
        {input('warm', 'Warm from score')}
      </div>
      <h4>Source quality (0–100: how often a lead from it is serious)</h4>
      <div className="form-grid three">
        {leadSources.map((source) => input(`s.${source}`, leadSourceLabels[source]))}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => void runPreview()}>
          Preview on current leads
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          Save scoring
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
      {preview !== null ? <ScoringPreviewTable preview={preview} /> : null}
    </section>
  );
}
