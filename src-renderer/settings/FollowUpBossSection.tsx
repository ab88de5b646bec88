// Settings → Follow Up Boss: connect with the account's API key (checked against Follow Up
// Boss before it is kept; a refused key is said beside the field), whether Porchlight records
// its messages and stage changes there, the last import of people in words, where webhooks
// are read and what they brought (FubWebhooks.tsx), and every
// write-back Follow Up Boss did not take, with its reason and "Retry now".
import { useEffect, useState } from 'react';
import type { FubStatus } from '../../src-shared/ipc/follow-up-boss';
import { useBridge } from '../bridge/context';
import { FubWebhooks } from './FubWebhooks';
import { FieldErrorText, OutcomeLine, outcomeOf, SecretField, type Outcome } from './fields';
import type { SettingsSectionProps } from './section';

function stateWords(status: FubStatus): string {
  if (status.state === 'not_configured') return 'Not connected.';
  if (status.state === 'failed') return `Not working: ${status.message ?? 'unknown problem'}`;
  return `Connected. ${status.linkedLeads} lead${status.linkedLeads === 1 ? '' : 's'} linked to Follow Up Boss.`;
}

function LastImport({ status }: { status: FubStatus }) {
  const poll = status.lastPoll;
  if (poll === null) return <p>No people imported yet.</p>;
  return (
    <div>
      <p>
        Last import {new Date(poll.at).toLocaleString()}: read {poll.read} people; {poll.created} new leads,{' '}
        {poll.merged} updated, {poll.unchanged} unchanged
        {(poll.teammates ?? 0) > 0 ? `, ${poll.teammates ?? 0} now teammates’ leads (left to them)` : ''}
        {poll.refused.length > 0 ? `, ${poll.refused.length} not imported` : ''}.
      </p>
      {[...poll.refused, ...poll.problems].length > 0 ? (
        <ul aria-label="What could not be read">
          {[...poll.refused, ...poll.problems].map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function FollowUpBossSection({ saved, onSaved }: SettingsSectionProps) {
  const bridge = useBridge();
  const [status, setStatus] = useState<FubStatus | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [systemKey, setSystemKey] = useState('');
  const [writeBack, setWriteBack] = useState(true);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void bridge.invoke('fub-status', {}).then((s) => {
      setStatus(s);
      setWriteBack(s.writeBack);
    });
    return bridge.on('fub-changed', setStatus);
  }, [bridge]);
  if (status === null) return <p>Loading…</p>;

  const act = async (work: () => Promise<FubStatus>, done: string): Promise<void> => {
    setBusy(true);
    try {
      setStatus(await work());
      setOutcome({ ok: true, text: done });
      setApiKey('');
      setSystemKey('');
      onSaved();
    } catch (error) {
      setOutcome(outcomeOf(error));
    } finally {
      setBusy(false);
    }
  };
  const connected = status.state !== 'not_configured';
  return (
    <section aria-label="Follow Up Boss">
      <p role="status">{stateWords(status)}</p>
      <p>
        People in your Follow Up Boss account come in as leads every few minutes, and what Porchlight sends is
        recorded there. Find your API key in Follow Up Boss under Admin → API.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () => bridge.invoke('fub-connect', { apiKey, systemKey, writeBack }),
            'Connected and checked.',
          );
        }}
      >
        <SecretField
          label="API key"
          name="fubApiKey"
          isSaved={saved.has('followUpBoss.apiKey')}
          value={apiKey}
          onChange={setApiKey}
        />
        <FieldErrorText error={outcome?.fieldErrors?.apiKey} />
        <SecretField
          label="System key (if your brokerage registered Porchlight with Follow Up Boss)"
          name="fubSystemKey"
          isSaved={status.hasSystemKey}
          value={systemKey}
          onChange={setSystemKey}
        />
        <FieldErrorText error={outcome?.fieldErrors?.systemKey} />
        <label className="check">
          <input type="checkbox" checked={writeBack} onChange={(e) => setWriteBack(e.target.checked)} />
          Record messages sent and stage changes in Follow Up Boss
        </label>
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>
            {connected ? 'Save and check' : 'Connect Follow Up Boss'}
          </button>
          {connected ? (
            <>
              <button
                type="button"
                disabled={busy}
                onClick={() => void act(() => bridge.invoke('fub-sync-now', {}), 'Synced.')}
              >
                Sync now
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(() => bridge.invoke('fub-disconnect', {}), 'Disconnected; the key was removed.')
                }
              >
                Disconnect
              </button>
            </>
          ) : null}
        </div>
      </form>
      <OutcomeLine outcome={outcome} />
      {connected ? <LastImport status={status} /> : null}
      {connected ? <FubWebhooks webhooks={status.webhooks} /> : null}
      {status.failedWriteBacks.length > 0 ? (
        <div>
          <h3>Not yet recorded in Follow Up Boss</h3>
          <ul>
            {status.failedWriteBacks.map((f) => (
              <li key={`${f.leadId}-${f.what}`}>
                <a href={`#/leads/${encodeURIComponent(f.leadId)}`}>{f.leadName}</a>: {f.what}. {f.error}{' '}
                (tried {f.attempts} time{f.attempts === 1 ? '' : 's'})
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => bridge.invoke('fub-retry-write-backs', {}), 'Tried again.')}
          >
            Retry now
          </button>
        </div>
      ) : null}
    </section>
  );
}
