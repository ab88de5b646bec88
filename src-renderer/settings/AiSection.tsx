// AI: an OpenAI-compatible provider (OpenAI, Azure, or a local server). Without a key, rules
// and templates do the same jobs; the status line says which one answers.
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/context';
import { Field, OutcomeLine, SecretField, outcomeOf, type Outcome } from './fields';

export function AiSection({ saved, onSaved }: { saved: ReadonlySet<string>; onSaved: () => void }) {
  const bridge = useBridge();
  // Null until the saved settings arrive, so a save never sends an empty model and cap.
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge
      .invoke('ai-settings-get', {})
      .then((s) =>
        setForm({ baseURL: s.baseURL ?? '', model: s.model, cap: String(s.dailyCostCap), key: '' }),
      );
  }, [bridge]);
  if (form === null) return <p>Loading…</p>;
  const set = (key: string) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const value = (key: string): string => form[key] ?? '';

  const save = async (): Promise<void> => {
    try {
      await bridge.invoke('ai-settings-update', {
        patch: {
          baseURL: value('baseURL') === '' ? null : value('baseURL'),
          model: value('model'),
          dailyCostCap: Number(value('cap')),
        },
      });
      if (value('key') !== '')
        await bridge.invoke('channels-secrets-set', { name: 'ai.apiKey', value: value('key') });
      onSaved();
      // A saved secret leaves the form: it is never kept on screen.
      setForm((f) => ({ ...f, key: '' }));
      const status = await bridge.invoke('ai-status', {});
      setOutcome({
        ok: true,
        text: status.configured
          ? 'Saved. The AI answers from now on.'
          : 'Saved. Rules answer until a key is set.',
      });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  const test = async (): Promise<void> => {
    try {
      const result = await bridge.invoke('ai-test', {});
      setOutcome({
        ok: result.ok,
        text: result.ok
          ? `The AI answered in ${result.elapsedMs} ms (${result.model ?? 'model'}): ${result.answer ?? ''}`
          : `The AI did not answer: ${result.error?.message ?? result.answer ?? 'no answer'}`,
      });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  return (
    <section aria-label="AI">
      <div className="form-grid">
        <Field
          label="Base URL (empty: the provider's default)"
          name="baseURL"
          value={value('baseURL')}
          onChange={set('baseURL')}
          error={outcome?.fieldErrors?.['patch.baseURL']}
        />
        <Field
          label="Model"
          name="model"
          value={value('model')}
          onChange={set('model')}
          error={outcome?.fieldErrors?.['patch.model']}
        />
        <SecretField
          label="API key"
          name="key"
          isSaved={saved.has('ai.apiKey')}
          value={value('key')}
          onChange={set('key')}
        />
        <Field
          label="Daily cost cap"
          name="cap"
          value={value('cap')}
          onChange={set('cap')}
          error={outcome?.fieldErrors?.['patch.dailyCostCap']}
        />
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => void test()}>
          Test the AI
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          Save AI settings
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
    </section>
  );
}
