// Settings → Follow Up Boss: where the account's webhooks are read (the team server, by a team
// admin's desktop or the always-on engine), and what the last reading of them brought in.
import type { FubStatus } from '../../src-shared/ipc/follow-up-boss';

function stateWords(webhooks: FubStatus['webhooks']): string {
  switch (webhooks.state) {
    case 'solo':
      return 'Webhooks: not in use. Follow Up Boss sends them to a team’s sync server (Settings → Team); this desktop brings people in every 5 minutes.';
    case 'not_admin':
      return `Webhooks: ${webhooks.message ?? 'read by a team admin’s desktop.'}`;
    case 'failed':
      return `Webhooks: not read: ${webhooks.message ?? 'unknown problem'} People still come in every 5 minutes.`;
    case 'reading':
      return 'Webhooks: read from the team’s sync server every half minute.';
  }
}

export function FubWebhooks({ webhooks }: { webhooks: FubStatus['webhooks'] }) {
  const last = webhooks.lastRead;
  const lines = last === null ? [] : [...last.refused, ...last.problems];
  return (
    <div>
      <p>{stateWords(webhooks)}</p>
      {last === null || webhooks.state === 'solo' ? null : (
        <p>
          Last webhook events {new Date(last.at).toLocaleString()}: {last.events} events; {last.created} new
          leads, {last.merged} updated, {last.activities} texts, emails, calls and notes added to timelines
          {last.unlinked > 0 ? `, ${last.unlinked} leads unlinked (deleted or merged in Follow Up Boss)` : ''}
          .
        </p>
      )}
      {lines.length > 0 ? (
        <ul aria-label="What the webhook events could not bring in">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
