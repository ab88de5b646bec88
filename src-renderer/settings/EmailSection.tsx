// Email settings: the SMTP server that sends, the IMAP mailbox that receives replies, the
// sender, the office address every email must carry (CAN-SPAM), where unsubscribe links and
// open/click tracking point, the connection as it stands and a test email.
import { useEffect, useState } from 'react';
import type { EmailSettingsView, MailSecurity } from '../../src-shared/ipc/email';
import { useBridge } from '../bridge/context';
import { ConnectionLines, TestSend } from './channel-parts';
import { Field, OutcomeLine, SecretField, outcomeOf, type Outcome } from './fields';

export function EmailSection({ saved }: { saved: ReadonlySet<string> }) {
  const bridge = useBridge();
  const [view, setView] = useState<EmailSettingsView | null>(null);
  const [form, setForm] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('email-settings-get', {}).then((v) => {
      setView(v);
      setForm({
        host: v.settings.smtp.host,
        port: String(v.settings.smtp.port),
        security: v.settings.smtp.security,
        user: v.settings.smtp.user,
        fromName: v.settings.fromName,
        fromAddress: v.settings.fromAddress,
        replyAddress: v.settings.replyAddress,
        imapHost: v.settings.imap.host,
        imapUser: v.settings.imap.user,
        physicalAddress: v.physicalAddress,
        unsubscribeUrlBase: v.unsubscribeUrlBase,
        trackingBaseUrl: v.settings.trackingBaseUrl,
        password: '',
        imapPassword: '',
      });
    });
  }, [bridge]);
  if (view === null) return <p>Loading…</p>;
  const set = (key: string) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const value = (key: string): string => form[key] ?? '';
  const error = (key: string): string | undefined => outcome?.fieldErrors?.[key];

  const save = async (): Promise<void> => {
    try {
      const next = await bridge.invoke('email-settings-set', {
        smtp: {
          host: value('host'),
          port: Number(value('port')),
          security: value('security') as MailSecurity,
          user: value('user'),
        },
        imap: { host: value('imapHost'), user: value('imapUser') },
        fromName: value('fromName'),
        fromAddress: value('fromAddress'),
        replyAddress: value('replyAddress'),
        trackingBaseUrl: value('trackingBaseUrl'),
        physicalAddress: value('physicalAddress'),
        unsubscribeUrlBase: value('unsubscribeUrlBase'),
      });
      if (value('password') !== '') {
        await bridge.invoke('channels-secrets-set', { name: 'smtp.password', value: value('password') });
      }
      if (value('imapPassword') !== '') {
        await bridge.invoke('channels-secrets-set', { name: 'imap.password', value: value('imapPassword') });
      }
      setView(next);
      // A saved secret leaves the form: it is never kept on screen.
      setForm((f) => ({ ...f, password: '', imapPassword: '' }));
      const missing = [...next.sendingMissing, ...next.repliesMissing];
      setOutcome({
        ok: true,
        text:
          missing.length > 0
            ? `Saved. Still missing: ${missing.join('; ')}.`
            : 'Saved. Porchlight connects to the mail server now; the line above shows how it went.',
      });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  return (
    <section aria-label="Email">
      <ConnectionLines names={['email', 'email_replies']} />
      <div className="form-grid">
        <Field
          label="SMTP server"
          name="host"
          value={value('host')}
          onChange={set('host')}
          error={error('smtp.host')}
        />
        <Field
          label="Port"
          name="port"
          value={value('port')}
          onChange={set('port')}
          error={error('smtp.port')}
        />
        <label className="field">
          <span>Security</span>
          <select name="security" value={value('security')} onChange={(e) => set('security')(e.target.value)}>
            <option value="starttls">STARTTLS</option>
            <option value="tls">TLS</option>
            <option value="none">None (a relay on this machine)</option>
          </select>
        </label>
        <Field label="User" name="user" value={value('user')} onChange={set('user')} />
        <SecretField
          label="SMTP password"
          name="password"
          isSaved={saved.has('smtp.password')}
          value={value('password')}
          onChange={set('password')}
        />
        <Field label="From name" name="fromName" value={value('fromName')} onChange={set('fromName')} />
        <Field
          label="From address"
          name="fromAddress"
          value={value('fromAddress')}
          onChange={set('fromAddress')}
          error={error('fromAddress')}
        />
        <Field
          label="Reply mailbox"
          name="replyAddress"
          value={value('replyAddress')}
          onChange={set('replyAddress')}
          error={error('replyAddress')}
        />
        <Field label="IMAP server" name="imapHost" value={value('imapHost')} onChange={set('imapHost')} />
        <Field label="IMAP user" name="imapUser" value={value('imapUser')} onChange={set('imapUser')} />
        <SecretField
          label="IMAP password"
          name="imapPassword"
          isSaved={saved.has('imap.password')}
          value={value('imapPassword')}
          onChange={set('imapPassword')}
        />
      </div>
      <Field
        label="Office postal address (printed in every email)"
        name="physicalAddress"
        value={value('physicalAddress')}
        onChange={set('physicalAddress')}
        error={error('physicalAddress')}
      />
      <div className="form-grid wide">
        <Field
          label="Unsubscribe link base (the team server; empty: leads reply “unsubscribe”)"
          name="unsubscribeUrlBase"
          value={value('unsubscribeUrlBase')}
          onChange={set('unsubscribeUrlBase')}
          error={error('unsubscribeUrlBase')}
          placeholder="https://sync.example.com/u/"
        />
        <Field
          label="Tracking server for opens and clicks (empty: no tracking)"
          name="trackingBaseUrl"
          value={value('trackingBaseUrl')}
          onChange={set('trackingBaseUrl')}
          error={error('trackingBaseUrl')}
          placeholder="https://sync.example.com"
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => void save()}>
          Save email settings
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
      <TestSend channel="email" label="Send a test email to" placeholder="your own address" />
    </section>
  );
}
