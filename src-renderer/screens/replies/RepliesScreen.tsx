// Replies: every reply from a lead nobody has answered yet, newest first, with how the AI or
// the rules read it, and an answer written in place. The answer goes through the outbox at
// the first allowed minute in the lead's zone (now, unless it is their quiet hours).
import { useMemo, useRef, useState } from 'react';
import { leadDisplayName } from '../../../src-shared/domain';
import type { AiReplyClassified } from '../../../src-shared/ipc/ai';
import type { UnansweredReply } from '../../../src-shared/ipc/replies';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { hrefOf, navigate } from '../../shell/router';
import { channelWord, localTime } from '../lead/words';
import { useListKeys } from '../use-list-keys';
import { AssistantConversations } from './AssistantConversations';

const BODY_MAX = 20_000;
const classificationWords = {
  positive: 'Positive',
  negative: 'Negative',
  neutral: 'Neutral',
  opt_out: 'Opted out',
};

function Reading({ reply }: { reply: UnansweredReply }) {
  const classify = useContractMutation('ai-classify-reply');
  const reading: AiReplyClassified | undefined = classify.data;
  return (
    <div className="reading">
      {reading !== undefined ? (
        <span>
          Read by {reading.source === 'ai' ? 'the AI' : 'the rules'}: {reading.label.replace(/_/g, ' ')} ·
          intent {reading.reading.intent} · sentiment {reading.reading.sentiment}
          {reading.reading.optOut ? ' · asked to stop' : ''}
          {reading.fallbackReason !== undefined ? (
            <span className="muted"> ({reading.fallbackReason})</span>
          ) : null}
        </span>
      ) : reply.message.classification !== undefined ? (
        <span>Read as {classificationWords[reply.message.classification]}</span>
      ) : (
        <span className="muted">Not read yet</span>
      )}{' '}
      <button
        type="button"
        className="link"
        onClick={() => classify.mutate({ messageId: reply.message.id })}
        disabled={classify.isPending}
      >
        {classify.isPending ? 'Reading…' : 'Read it'}
      </button>
      {classify.isError ? <span className="field-error"> {messageOf(classify.error)}</span> : null}
    </div>
  );
}

function Answer({ reply, onDone }: { reply: UnansweredReply; onDone: () => void }) {
  const channel =
    reply.message.channel === 'email' ? 'email' : reply.message.channel === 'whatsapp' ? 'whatsapp' : 'sms';
  const [body, setBody] = useState('');
  const suggest = useContractMutation('ai-suggest-reply');
  const send = useContractMutation('compose-send');
  const name = leadDisplayName(reply.lead) || 'the lead';
  return (
    <form
      className="answer"
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim() !== '')
          send.mutate(
            {
              leadId: reply.lead.id,
              channel,
              body,
              when: 'next_allowed',
              ...(channel === 'email'
                ? { subject: `Re: ${reply.message.subject ?? 'your message'}`.slice(0, 200) }
                : {}),
            },
            { onSuccess: onDone },
          );
      }}
    >
      <label className="field">
        <span>
          Your {channelWord(channel).toLowerCase()} to {name}
        </span>
        <textarea
          autoFocus
          rows={3}
          maxLength={BODY_MAX}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      {suggest.data !== undefined ? (
        <p className="muted">
          Suggested by{' '}
          {suggest.data.source === 'ai'
            ? 'the AI'
            : `the rules (${suggest.data.fallbackReason ?? 'no AI configured'})`}
        </p>
      ) : null}
      {send.isError || suggest.isError ? (
        <p className="field-error">{messageOf(send.error ?? suggest.error)}</p>
      ) : null}
      <div className="row-actions">
        <button
          type="button"
          disabled={suggest.isPending}
          onClick={() =>
            suggest.mutate({ messageId: reply.message.id }, { onSuccess: (d) => setBody(d.text) })
          }
        >
          Suggest an answer
        </button>
        <button type="submit" className="primary" disabled={body.trim() === '' || send.isPending}>
          Send answer
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function RepliesScreen() {
  const replies = useContractQuery('replies-unanswered', { limit: 200 });
  const [answering, setAnswering] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const actions = useMemo(
    () => ({
      r: (item: HTMLElement) => setAnswering(item.dataset.id ?? null),
      Enter: (item: HTMLElement) => navigate(`/leads/${encodeURIComponent(item.dataset.lead ?? '')}`),
    }),
    [],
  );
  useListKeys(list, actions);

  return (
    <div className="replies" ref={list}>
      <header className="screen-head">
        <h2>Replies waiting for an answer</h2>
      </header>
      {replies.isPending ? <p className="muted">Loading replies…</p> : null}
      {replies.isError ? (
        <p className="field-error" role="alert">
          Could not load the replies: {messageOf(replies.error)}
        </p>
      ) : null}
      {replies.data?.length === 0 ? (
        <p className="empty">Every reply has an answer. New replies show up here as they arrive.</p>
      ) : null}
      <ul className="plain-list">
        {replies.data?.map((reply) => (
          <li
            key={reply.message.id}
            className="panel reply"
            tabIndex={0}
            data-item
            data-id={reply.message.id}
            data-lead={reply.lead.id}
          >
            <div className="touch-head">
              <a href={hrefOf(`/leads/${encodeURIComponent(reply.lead.id)}`)} tabIndex={-1}>
                <strong>
                  {leadDisplayName(reply.lead) || reply.lead.email || reply.lead.phone || 'Unnamed lead'}
                </strong>
              </a>
              <span className={`chip temp-${reply.lead.temperature}`}>{reply.lead.temperature}</span>
              <span className="muted">{channelWord(reply.message.channel)}</span>
              <time dateTime={new Date(reply.message.createdAt).toISOString()}>
                {localTime(reply.message.createdAt, reply.lead.timeZone)} their time
              </time>
            </div>
            {reply.message.subject !== undefined ? (
              <p className="touch-subject">{reply.message.subject}</p>
            ) : null}
            <p className="touch-body">{reply.message.body}</p>
            <Reading reply={reply} />
            {answering === reply.message.id ? (
              <Answer reply={reply} onDone={() => setAnswering(null)} />
            ) : (
              <button type="button" onClick={() => setAnswering(reply.message.id)}>
                Answer
              </button>
            )}
          </li>
        ))}
      </ul>
      <AssistantConversations />
    </div>
  );
}
