// Settings → Team: sign in to the brokerage's sync server (email and password, or the one-time
// code from the admin with a new password), see whether this computer is in step with the
// team, lead routing (RoutingPanel), and sign out. The password is sent once and never kept on
// screen.
import { useEffect, useState } from 'react';
import type { JoinReport, SyncStatus } from '../../src-shared/ipc/sync';
import { useBridge } from '../bridge/context';
import { Field, OutcomeLine, outcomeOf, type Outcome } from './fields';
import { RoutingPanel } from './RoutingPanel';

const stateWords: Record<SyncStatus['state'], string> = {
  'signed-out': 'Not signed in: this computer works alone.',
  connecting: 'Connecting to the team…',
  connected: 'In step with the team.',
  offline: 'Offline: changes wait on this computer and go when the server answers.',
  refused: 'The server refused this computer.',
};

/** A refused change as a person reads it: "lead 4f2c…: <the server's reason>". */
function refusedWords(refusal: SyncStatus['refused'][number]): string {
  const what = refusal.collection.replace(/_/g, ' ').replace(/s$/, '');
  return `${what} ${refusal.id.slice(0, 8)}: ${refusal.message}`;
}

function movedWords(joined: JoinReport): string {
  const parts = Object.entries(joined.moved).map(
    ([collection, count]) => `${count} ${collection.replace('_', ' ')}`,
  );
  return parts.length === 0
    ? 'Signed in; nothing new to move into the team.'
    : `Signed in; moved into the team: ${parts.join(', ')}.`;
}

export function TeamSection() {
  const bridge = useBridge();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [form, setForm] = useState({ serverUrl: '', email: '', password: '', code: '' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('sync-status', {}).then((s) => {
      setStatus(s);
      setForm((f) => ({ ...f, serverUrl: s.serverUrl ?? '' }));
    });
    return bridge.on('sync-changed', setStatus);
  }, [bridge]);
  if (status === null) return <p>Loading…</p>;
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const error = (key: string): string | undefined => outcome?.fieldErrors?.[key];

  const signIn = async (): Promise<void> => {
    try {
      const result = await bridge.invoke('sync-sign-in', {
        serverUrl: form.serverUrl,
        email: form.email,
        password: form.password,
        ...(form.code.trim() === '' ? {} : { code: form.code }),
      });
      setStatus(result.status);
      setForm((f) => ({ ...f, password: '', code: '' }));
      setOutcome({ ok: true, text: movedWords(result.joined) });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  if (status.agent !== null) {
    return (
      <section aria-label="Team">
        <p>
          Signed in as {status.agent.name} ({status.agent.email}, {status.agent.role}) at {status.serverUrl}.
        </p>
        <p role="status">{stateWords[status.state]}</p>
        <dl className="team-status">
          <dt>Changes waiting to go</dt>
          <dd>{status.pendingPushes}</dd>
          {status.offlineSince !== null ? (
            <>
              <dt>Offline since</dt>
              <dd>{new Date(status.offlineSince).toLocaleString()}</dd>
            </>
          ) : null}
          {status.lastError !== null ? (
            <>
              <dt>Last problem</dt>
              <dd>{status.lastError}</dd>
            </>
          ) : null}
        </dl>
        {status.refused.length > 0 ? (
          <section aria-label="Changes the server refused">
            <h3>Changes the server refused</h3>
            <p>These stay on this computer only; the reason says what to change.</p>
            <ul>
              {status.refused.map((refusal, i) => (
                <li key={`${refusal.collection}:${refusal.id}:${i}`}>{refusedWords(refusal)}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <RoutingPanel isAdmin={status.agent.role === 'admin'} agentEmail={status.agent.email} />
        <OutcomeLine outcome={outcome} />
        <button
          type="button"
          onClick={() =>
            void bridge.invoke('sync-sign-out', {}).then(setStatus, (e: unknown) => setOutcome(outcomeOf(e)))
          }
        >
          Sign out of the team
        </button>
      </section>
    );
  }
  return (
    <section aria-label="Team">
      <p>{stateWords[status.state]}</p>
      <Field
        label="Sync server address"
        name="serverUrl"
        value={form.serverUrl}
        onChange={set('serverUrl')}
        error={error('serverUrl')}
        placeholder="https://sync.example.com"
      />
      <Field label="Email" name="email" value={form.email} onChange={set('email')} error={error('email')} />
      <Field
        label="One-time sign-in code (first sign-in only)"
        name="code"
        value={form.code}
        onChange={set('code')}
        error={error('code')}
      />
      <Field
        label="Password (with a code: choose one)"
        name="password"
        type="password"
        value={form.password}
        onChange={set('password')}
        error={error('password')}
      />
      <OutcomeLine outcome={outcome} />
      <button type="button" onClick={() => void signIn()}>
        Sign in to the team
      </button>
    </section>
  );
}
