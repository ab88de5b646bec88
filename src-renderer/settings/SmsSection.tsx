// Text messages and WhatsApp through Twilio: the account (secrets), the sender numbers, the
// connection as it stands, and test sends that show exactly what Twilio answered.
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/context';
import { ConnectionLines, TestSend } from './channel-parts';
import { Field, OutcomeLine, SecretField, outcomeOf, type Outcome } from './fields';

export function SmsSection({ saved, onSaved }: { saved: ReadonlySet<string>; onSaved: () => void }) {
  const bridge = useBridge();
  const [form, setForm] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('channels-twilio-settings-get', {}).then((s) =>
      setForm({
        smsFrom: s.smsFrom ?? '',
        whatsappFrom: s.whatsappFrom ?? '',
        sid: '',
        token: '',
      }),
    );
  }, [bridge]);
  const set = (key: string) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const value = (key: string): string => form[key] ?? '';

  const save = async (): Promise<void> => {
    try {
      const clear = (['smsFrom', 'whatsappFrom'] as const).filter((key) => value(key) === '');
      await bridge.invoke('channels-twilio-settings-set', {
        ...(value('smsFrom') === '' ? {} : { smsFrom: value('smsFrom') }),
        ...(value('whatsappFrom') === '' ? {} : { whatsappFrom: value('whatsappFrom') }),
        clear,
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
        <Field
          label="SMS from (E.164)"
          name="smsFrom"
          value={value('smsFrom')}
          onChange={set('smsFrom')}
          error={outcome?.fieldErrors?.smsFrom}
          placeholder="+15551230100"
        />
        <Field
          label="WhatsApp from (E.164)"
          name="whatsappFrom"
          value={value('whatsappFrom')}
          onChange={set('whatsappFrom')}
          error={outcome?.fieldErrors?.whatsappFrom}
        />
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
