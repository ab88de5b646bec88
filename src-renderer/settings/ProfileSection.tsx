// Settings → Profile: who the messages speak as. The built-in templates read these fields; a
// message that needs an empty one waits (the count is shown) and goes out once it is saved.
import { useEffect, useState } from 'react';
import type { AgentProfile, AgentProfileView } from '../../src-shared/ipc/profile';
import { PROFILE_FIELD_LABELS } from '../../src-shared/ipc/profile';
import { useBridge } from '../bridge/context';
import { Field, OutcomeLine, outcomeOf, type Outcome } from './fields';

type Form = Record<keyof AgentProfile, string>;

const LINE_FIELDS: readonly (keyof AgentProfile)[] = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'brokerage',
  'licence',
];

function waitingWords(view: AgentProfileView): string | null {
  if (view.waiting === 0) return null;
  return view.waiting === 1
    ? '1 message is waiting for your profile.'
    : `${view.waiting} messages are waiting for your profile.`;
}

export function ProfileSection() {
  const bridge = useBridge();
  const [view, setView] = useState<AgentProfileView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('profile-get', {}).then((v) => {
      setView(v);
      setForm({ ...v.profile, phone: v.phoneDisplay });
    });
  }, [bridge]);
  if (view === null || form === null) return <p>Loading…</p>;
  const set = (key: keyof AgentProfile) => (value: string) => setForm({ ...form, [key]: value });
  const error = (key: string): string | undefined => outcome?.fieldErrors?.[key];

  const save = async (): Promise<void> => {
    try {
      const next = await bridge.invoke('profile-set', form);
      setView(next);
      setForm({ ...next.profile, phone: next.phoneDisplay });
      setOutcome({
        ok: true,
        text:
          next.missing.length > 0
            ? `Saved. Messages still need: ${next.missing.join(', ')}.`
            : 'Saved. Messages now go out in your name.',
      });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  const waiting = waitingWords(view);
  return (
    <section aria-label="Profile">
      <p>Your messages are signed with these. A message that needs an empty field waits until you fill it.</p>
      {waiting !== null ? <p className="outcome error">{waiting}</p> : null}
      <div className="form-grid">
        {LINE_FIELDS.map((key) => (
          <Field
            key={key}
            label={PROFILE_FIELD_LABELS[key]}
            name={key}
            type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
            value={form[key]}
            onChange={set(key)}
            error={error(key)}
          />
        ))}
      </div>
      <Field
        label={`${PROFILE_FIELD_LABELS.officeAddress} (printed in every email)`}
        name="officeAddress"
        value={form.officeAddress}
        placeholder={view.officeAddress !== '' && form.officeAddress === '' ? view.officeAddress : ''}
        onChange={set('officeAddress')}
        error={error('officeAddress')}
      />
      <label className="field">
        <span>{PROFILE_FIELD_LABELS.signature} (empty: made from the fields above)</span>
        <textarea
          name="signature"
          rows={4}
          value={form.signature}
          aria-invalid={error('signature') !== undefined}
          onChange={(e) => set('signature')(e.target.value)}
        />
        {error('signature') !== undefined ? (
          <span className="field-error" role="alert">
            {error('signature')}
          </span>
        ) : null}
      </label>
      <div>
        <span>Emails end with</span>
        <pre data-testid="profile-signature">{view.signature === '' ? '(nothing yet)' : view.signature}</pre>
      </div>
      {view.missing.length > 0 ? (
        <p data-testid="profile-missing">Still empty: {view.missing.join(', ')}.</p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => void save()}>
          Save profile
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
    </section>
  );
}
