// Every touch with the lead, newest first: inbound and outbound, the channel, the status as it
// moved (each step with its time and detail), a failure in the provider's own words, and for
// an uncertain send the agent's three choices. Enrollments appear where they started.
import { useState } from 'react';
import type { Enrollment, Message } from '../../../src-shared/domain';
import { messageOf, useContractMutation } from '../../bridge/query';
import { channelWord, localTime, statusWord, touchTitle } from './words';
import { PlaceText } from '../../settings/PlaceText';

type Entry =
  | { kind: 'message'; at: number; message: Message }
  | { kind: 'enrollment'; at: number; enrollment: Enrollment; name: string };

function StatusChip({ status }: { status: string }) {
  const word = statusWord(status);
  return <span className={`status status-${word.tone}`}>{word.label}</span>;
}

function ResolveUncertain({ message }: { message: Message }) {
  const resolve = useContractMutation('messages-resolve-uncertain');
  return (
    <div className="resolve" role="group" aria-label="Resolve this send">
      <p>
        Porchlight lost contact while this was being sent, so it may or may not have reached the lead. Check
        your {channelWord(message.channel).toLowerCase()} history, then choose:
      </p>
      <button
        type="button"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate({ id: message.id, decision: 'was_sent' })}
      >
        It was sent
      </button>
      <button
        type="button"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate({ id: message.id, decision: 'send_again' })}
      >
        Send it again
      </button>
      <button
        type="button"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate({ id: message.id, decision: 'cancel' })}
      >
        Do not send
      </button>
      {resolve.isError ? <p className="field-error">{messageOf(resolve.error)}</p> : null}
    </div>
  );
}

function MessageEntry({ message, zone }: { message: Message; zone: string }) {
  const [open, setOpen] = useState(message.status === 'failed' || message.status === 'uncertain');
  const when =
    message.status === 'scheduled' && message.sendAt !== undefined ? message.sendAt : message.createdAt;
  return (
    <li className={`touch touch-${message.direction}`} data-status={message.status}>
      <div className="touch-head">
        <strong>{touchTitle(message)}</strong>
        <StatusChip status={message.status} />
        {message.plannedChannel !== undefined && message.plannedChannel !== message.channel ? (
          <span className="muted">instead of {channelWord(message.plannedChannel).toLowerCase()}</span>
        ) : null}
        <time dateTime={new Date(when).toISOString()}>
          {message.status === 'scheduled' ? 'goes ' : ''}
          {localTime(when, zone)}
        </time>
      </div>
      {message.subject !== undefined ? <p className="touch-subject">{message.subject}</p> : null}
      {message.body !== '' ? <p className="touch-body">{message.body}</p> : null}
      {message.error !== undefined ? (
        <p className="touch-error">
          {message.status === 'failed' || message.status === 'undelivered' ? 'The provider said: ' : ''}
          <PlaceText text={message.error.message} />
        </p>
      ) : null}
      {message.status === 'uncertain' ? <ResolveUncertain message={message} /> : null}
      {message.statusHistory.length > 1 || message.statusHistory[0]?.detail !== undefined ? (
        <>
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Show'} how it moved
          </button>
          {open ? (
            <ol className="history">
              {message.statusHistory.map((step, i) => (
                <li key={i}>
                  <StatusChip status={step.status} /> {localTime(step.at, zone)}
                  {step.detail !== undefined ? (
                    <span className="muted">
                      {' '}
                      · <PlaceText text={step.detail} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

export function Timeline(props: {
  messages: readonly Message[];
  enrollments: readonly Enrollment[];
  sequenceNames: ReadonlyMap<string, string>;
  zone: string;
}) {
  const entries: Entry[] = [
    ...props.messages.map((message): Entry => ({
      kind: 'message',
      at: message.status === 'scheduled' ? (message.sendAt ?? message.createdAt) : message.createdAt,
      message,
    })),
    ...props.enrollments.map((enrollment): Entry => ({
      kind: 'enrollment',
      at: enrollment.startedAt,
      enrollment,
      name: props.sequenceNames.get(enrollment.sequenceId) ?? 'a sequence',
    })),
  ].sort((a, b) => b.at - a.at);

  if (entries.length === 0)
    return (
      <p className="empty">No touches yet. Call, text or email from the buttons above; it will show here.</p>
    );
  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry) =>
        entry.kind === 'message' ? (
          <MessageEntry key={entry.message.id} message={entry.message} zone={props.zone} />
        ) : (
          <li key={entry.enrollment.id} className="touch touch-event">
            <div className="touch-head">
              <strong>Enrolled in {entry.name}</strong>
              <StatusChip status={entry.enrollment.status} />
              <time dateTime={new Date(entry.at).toISOString()}>{localTime(entry.at, props.zone)}</time>
            </div>
            {entry.enrollment.stopReason !== undefined ? (
              <p className="muted">Stopped: {entry.enrollment.stopReason}</p>
            ) : null}
          </li>
        ),
      )}
    </ol>
  );
}
