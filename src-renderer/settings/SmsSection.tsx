// Text messages and WhatsApp through Twilio: the account (secrets), the sender numbers or
// messaging service, the WhatsApp template for outside the 24-hour window, where delivery
// reports go, the HELP reply, the connection as it stands, and test sends that show exactly
// what Twilio answered.
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/context';
import { ConnectionLines, TestSend } from './channel-parts';
import { Field, OutcomeLine, SecretField, outcomeOf, type Outcome } from './fields';

/** The optional Twilio settings: empty clears them. */
const optional = [
  'smsFrom',
  'messagingServiceSid',
  'whatsappFrom',
  'whatsappTemplateSid',
  'statusCallbackBaseUrl',
] as const;

/** The settings fields in the order shown: key, label, placeholder. */
const settingFields: readonly [string, string, string][] = [
  ['smsFrom', 'SMS from (E.164)', '+15551230100'],
  ['whatsappFrom', 'WhatsApp from (E.164)', ''],
  ['messagingServiceSid', 'Messaging service SID (instead of an SMS number)', 'MG…'],
  ['whatsappTemplateSid', 'WhatsApp template after 24 hours (ContentSid)', 'HX…'],
  ['statusCallbackBaseUrl', 'Team server’s public address (delivery reports)', 'https://sync.example.com'],
  ['helpText', 'Reply to HELP', ''],
];

export function SmsSection({ saved, onSaved }: { saved: ReadonlySet<string>; onSaved: () => void }) {
  const bridge = useBridge();
  // Null until the saved settings arrive: the fields appear with them, so nothing typed earlier
  // is overwritten and a save never sends a form that was not loaded.
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('channels-twilio-settings-get', {}).then((s) =>
      setForm({
        ...Object.fromEntries(optional.map((key) => [key, s[key] ?? ''])),
        helpText: s.helpText,
        sid: '',
        token: '',
      }),
    );
  }, [bridge]);
  if (form === null) return <p>Loading…</p>;
  const set = (key: string) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const value = (key: string): string => form[key] ?? '';

  const save = async (): Promise<void> => {
    try {
      const given = optional.filter((key) => value(key).trim() !== '');
      await bridge.invoke('channels-twilio-settings-set', {
        ...Object.fromEntries(given.map((key) => [key, value(key).trim()])),
        ...(value('helpText').trim() === '' ? {} : { helpText: value('helpText').trim() }),
        clear: optional.filter((key) => !given.includes(key)),
      });
      if (value('sid') !== '')
        await bridge.invoke('channels-secrets-set', { name: 'twilio.accountSid', value: value('sid') });
      if (value('token') !== '')
        await bridge.invoke('channels-secrets-set', { name: 'twilio.authToken', value: value('token') });
      onSaved();
      // A saved secret leaves the form: it is never kept on screen.
      setForm((f) => ({ ...f, sid: '', token: '' }));
      setOutcome({
        ok: true,
        text: 'Saved. Porchlight connects to Twilio now; the line above shows how it went.',
      });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  return (
    <section aria-label="Text messages and WhatsApp">
      <ConnectionLines names={['sms', 'whatsapp']} />
      <div className="form-grid">
        <SecretField
          label="Twilio account SID"
          name="sid"
          isSaved={saved.has('twilio.accountSid')}
          value={value('sid')}
          onChange={set('sid')}
        />
        <SecretField
          label="Twilio auth token"
          name="token"
          isSaved={saved.has('twilio.authToken')}
          value={value('token')}
          onChange={set('token')}
        />
        {settingFields.map(([key, label, placeholder]) => (
          <Field
            key={key}
            label={label}
            name={key}
            value={value(key)}
            onChange={set(key)}
            error={outcome?.fieldErrors?.[key]}
            placeholder={placeholder}
          />
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => void save()}>
          Save text settings
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
      <TestSend channel="sms" label="Send a test text to" placeholder="your own mobile, +1…" />
      <TestSend
        channel="whatsapp"
        label="Send a test WhatsApp message to"
        placeholder="your own WhatsApp, +1…"
      />
    </section>
  );
}
