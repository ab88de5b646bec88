// Pieces every channel section shows: the connection as the adapters report it (live), and
// "send a test" to the agent's own address or phone, with exactly what the provider answered.
import { useState } from 'react';
import type { ConnectionName, TestableChannel } from '../../src-shared/ipc/channels';
import { useBridge } from '../bridge/context';
import { useContractQuery } from '../bridge/query';
import { Field, OutcomeLine, outcomeOf, type Outcome } from './fields';

const connectionLabels: Record<ConnectionName, string> = {
  email: 'Sending email',
  email_replies: 'Reading replies',
  sms: 'Texts',
  whatsapp: 'WhatsApp',
};

export function ConnectionLines({ names }: { names: readonly ConnectionName[] }) {
  const status = useContractQuery('channels-status', {});
  if (status.data === undefined) return null;
  return (
    <ul className="connection-lines" aria-label="Connection">
      {names.map((name) => {
        const c = status.data[name];
        return (
          <li key={name} className={`connection ${c.state}`}>
            <strong>{connectionLabels[name]}:</strong> {c.text}
          </li>
        );
      })}
    </ul>
  );
}

const provider: Record<TestableChannel, string> = {
  email: 'The mail server',
  sms: 'Twilio',
  whatsapp: 'Twilio',
};

export function TestSend({
  channel,
  label,
  placeholder,
}: {
  channel: TestableChannel;
  label: string;
  placeholder: string;
}) {
  const bridge = useBridge();
  const [to, setTo] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const test = async (): Promise<void> => {
    try {
      const r = await bridge.invoke('channels-test', { channel, to: to.trim() });
      const details = [r.status, r.errorCode, r.providerId].filter((d) => d !== undefined && d !== '');
      setOutcome({
        ok: r.ok,
        text: `${provider[channel]} answered: ${r.answer}${details.length > 0 ? ` (${details.join(', ')})` : ''}`,
      });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };
  return (
    <div className="test-send">
      <Field label={label} name={`test-${channel}`} value={to} onChange={setTo} placeholder={placeholder} />
      <button type="button" onClick={() => void test()} disabled={to.trim().length < 3}>
        Send a test {channel === 'email' ? 'email' : channel === 'sms' ? 'text' : 'WhatsApp message'}
      </button>
      <OutcomeLine outcome={outcome} />
    </div>
  );
}
