// Every touch with the lead, newest first: inbound and outbound, the channel, the status as it
// moved (each step with its time and detail), a failure in the provider's own words, and for
// an uncertain send the agent's three choices. Enrollments appear where they started. A
// message still waiting shows what will go out (placeholders filled), never the raw template.
import { isAssistantMessageId } from '../../../src-shared/assistant/state';
import { useState, type ReactNode } from 'react';
import type { Enrollment, Message } from '../../../src-shared/domain';
import type { MessagePreview } from '../../../src-shared/ipc/messages';
import { messageOf, useContractMutation } from '../../bridge/query';
import { channelWord, localTime, statusWord, touchTitle } from './words';
import { PlaceText } from '../../settings/PlaceText';

type Entry =
  | { kind: 'message'; id: string; at: number; message: Message }
  | { kind: 'enrollment'; id: string; at: number; enrollment: Enrollment; name: string };

const uncertainChoices = [
  ['was_sent', 'It was sent'],
  ['send_again', 'Send it again'],
  ['cancel', 'Do not send'],
] as const;

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
      {uncertainChoices.map(([decision, label]) => (
        <button
          key={decision}
          type="button"
          disabled={resolve.isPending}
          onClick={() => resolve.mutate({ id: message.id, decision })}
        >
          {label}
        </button>
      ))}
      {resolve.isError ? <p className="field-error">{messageOf(resolve.error)}</p> : null}
    </div>
  );
}

/** One line of the timeline: what, its status, when (on the lead's clock), and its details. */
function Touch(props: {
  className: string;
  title: string;
  status: string;
  at: number;
  zone: string;
  when?: string;
  aside?: ReactNode;
  children?: ReactNode;
  dataStatus?: string;
}) {
  return (
    <li className={`touch ${props.className}`} data-status={props.dataStatus}>
      <div className="touch-head">
        <strong>{props.title}</strong>
        <StatusChip status={props.status} />
        {props.aside}
        <time dateTime={new Date(props.at).toISOString()}>
          {props.when ?? ''}
          {localTime(props.at, props.zone)}
        </time>
      </div>
      {props.children}
    </li>
  );
}

function History({ message, zone }: { message: Message; zone: string }) {
  const [open, setOpen] = useState(message.status === 'failed' || message.status === 'uncertain');
  if (message.statusHistory.length <= 1 && message.statusHistory[0]?.detail === undefined) return null;
  return (
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
  );
}

function MessageBody({ message, preview }: { message: Message; preview: MessagePreview | undefined }) {
  if (preview === undefined)
    return (
      <>
        {message.subject !== undefined ? <p className="touch-subject">{message.subject}</p> : null}
        {message.body !== '' ? <p className="touch-body">{message.body}</p> : null}
      </>
    );
  if (preview.problem !== undefined)
    return (
      <p className={preview.unsent === true ? 'muted preview-note' : 'touch-error'}>
        <PlaceText text={preview.problem} />
      </p>
    );
  return (
    <>
      <p className="muted preview-note">
        {preview.unsent === true ? 'It never went out; it would have read:' : 'As it will go out:'}
      </p>
      {preview.subject !== undefined ? <p className="touch-subject">{preview.subject}</p> : null}
      <p className="touch-body">{preview.body}</p>
    </>
  );
}

function MessageEntry({
  entry,
  zone,
  preview,
}: {
  entry: Entry & { kind: 'message' };
  zone: string;
  preview: MessagePreview | undefined;
}) {
  const { message } = entry;
  return (
    <Touch
      className={`touch-${message.direction}`}
      dataStatus={message.status}
      title={touchTitle(message)}
      status={message.status}
      at={entry.at}
      zone={zone}
      {...(message.status === 'scheduled' ? { when: 'goes ' } : {})}
      aside={
        <>
          {isAssistantMessageId(message.id) ? <span className="assistant-mark">Assistant</span> : null}
          {message.plannedChannel !== undefined && message.plannedChannel !== message.channel ? (
            <span className="muted">instead of {channelWord(message.plannedChannel).toLowerCase()}</span>
          ) : null}
        </>
      }
    >
      <MessageBody message={message} preview={preview} />
      {message.error !== undefined ? (
        <p className="touch-error">
          {message.status === 'failed' || message.status === 'undelivered' ? 'The provider said: ' : ''}
          <PlaceText text={message.error.message} />
        </p>
      ) : null}
      {message.status === 'uncertain' ? <ResolveUncertain message={message} /> : null}
      <History message={message} zone={zone} />
    </Touch>
  );
}

export function Timeline(props: {
  messages: readonly Message[];
  previews: readonly MessagePreview[];
  enrollments: readonly Enrollment[];
  sequenceNames: ReadonlyMap<string, string>;
  zone: string;
}) {
  const previews = new Map(props.previews.map((p) => [p.id, p]));
  const entries: Entry[] = [
    ...props.messages.map((message): Entry => ({
      kind: 'message',
      id: message.id,
      at: message.status === 'scheduled' ? (message.sendAt ?? message.createdAt) : message.createdAt,
      message,
    })),
    ...props.enrollments.map((enrollment): Entry => ({
      kind: 'enrollment',
      id: enrollment.id,
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
          <MessageEntry key={entry.id} entry={entry} zone={props.zone} preview={previews.get(entry.id)} />
        ) : (
          <Touch
            key={entry.id}
            className="touch-event"
            title={`Enrolled in ${entry.name}`}
            status={entry.enrollment.status}
            at={entry.at}
            zone={props.zone}
          >
            {entry.enrollment.stopReason !== undefined ? (
              <p className="muted">Stopped: {entry.enrollment.stopReason}</p>
            ) : null}
          </Touch>
        ),
      )}
    </ol>
  );
}
