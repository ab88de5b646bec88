// Today: what needs the agent, most urgent first — overdue and due tasks, replies waiting for
// an answer, new leads nobody has touched, sends that may not have gone, and failed sends.
// Every item is focusable and has one-key actions (Enter opens the lead, d done, s / x resolve).
import { useMemo, useRef, type ReactNode } from 'react';
import type { Message, Task } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { hrefOf, navigate } from '../../shell/router';
import { TakeLead, isOfferTask } from '../lead/TakeLead';
import { channelWord, localTime } from '../lead/words';
import { useListKeys } from '../use-list-keys';

function LeadName({ id }: { id: string }) {
  const lead = useContractQuery('leads-get', { id }).data;
  return <>{lead ? leadDisplayName(lead) || lead.email || lead.phone || 'Unnamed lead' : '…'}</>;
}

function Section(props: { title: string; count: number | undefined; empty: string; children: ReactNode }) {
  return (
    <section className="panel today-section" aria-label={props.title}>
      <h3>
        {props.title} <span className="muted">{props.count ?? '…'}</span>
      </h3>
      {props.count === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="plain-list">{props.children}</ul>
      )}
    </section>
  );
}

function Item(props: { leadId: string | undefined; kind: string; id: string; children: ReactNode }) {
  return (
    <li
      className="today-item"
      tabIndex={0}
      data-item
      data-kind={props.kind}
      data-id={props.id}
      data-lead={props.leadId ?? ''}
    >
      {props.children}
    </li>
  );
}

export function TodayScreen() {
  const tasks = useContractQuery('tasks-today', {});
  const replies = useContractQuery('replies-unanswered', { limit: 50 });
  const fresh = useContractQuery('leads-query', {
    stages: ['new'],
    sort: { field: 'createdAt', direction: 'desc' },
    limit: 100,
  });
  const attention = useContractQuery('messages-attention', {});
  const setStatus = useContractMutation('tasks-set-status');
  const resolve = useContractMutation('messages-resolve-uncertain');
  const list = useRef<HTMLDivElement>(null);

  const untouched = (fresh.data?.rows ?? []).filter((l) => l.lastContactAt === 0);
  const actions = useMemo(
    () => ({
      Enter: (item: HTMLElement) => {
        const lead = item.dataset.lead;
        if (lead !== undefined && lead !== '') navigate(`/leads/${encodeURIComponent(lead)}`);
      },
      d: (item: HTMLElement) => {
        if (item.dataset.kind === 'task' && item.dataset.id !== undefined)
          setStatus.mutate({ id: item.dataset.id, status: 'done' });
      },
      s: (item: HTMLElement) => {
        if (item.dataset.kind === 'uncertain' && item.dataset.id !== undefined)
          resolve.mutate({ id: item.dataset.id, decision: 'was_sent' });
      },
      x: (item: HTMLElement) => {
        if (item.dataset.kind === 'uncertain' && item.dataset.id !== undefined)
          resolve.mutate({ id: item.dataset.id, decision: 'cancel' });
      },
    }),
    [setStatus, resolve],
  );
  useListKeys(list, actions);

  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const task = (t: Task, overdue: boolean) => (
    <Item key={t.id} leadId={t.leadId} kind="task" id={t.id}>
      <span className={overdue ? 'overdue' : ''}>
        {t.kind === 'call' ? 'Call' : t.kind === 'review' ? 'Review' : 'To do'}
      </span>{' '}
      <strong>{t.leadId !== undefined ? <LeadName id={t.leadId} /> : null}</strong>{' '}
      <span className="clip">{t.title}</span>
      <span className="muted">
        {' '}
        · {overdue ? 'was due' : 'due'} {localTime(t.dueAt, here)}
      </span>
      {isOfferTask(t) && t.leadId !== undefined ? <TakeLead leadId={t.leadId} /> : null}
      <kbd>d</kbd>
    </Item>
  );
  const send = (m: Message, kind: 'uncertain' | 'failed') => (
    <Item key={m.id} leadId={m.leadId} kind={kind} id={m.id}>
      <strong>
        <LeadName id={m.leadId} />
      </strong>{' '}
      {channelWord(m.channel)}: <span className="clip">{m.body.slice(0, 80)}</span>
      {m.error !== undefined ? <span className="touch-error"> — {m.error.message}</span> : null}
      {kind === 'uncertain' ? (
        <>
          {' '}
          <kbd>s</kbd> it was sent · <kbd>x</kbd> do not send
        </>
      ) : null}
    </Item>
  );
  const error =
    tasks.error ?? replies.error ?? fresh.error ?? attention.error ?? setStatus.error ?? resolve.error;

  return (
    <div className="today" ref={list}>
      <header className="screen-head">
        <h2>Today</h2>
        <p className="muted">
          Move with ↑ ↓, open with Enter; <kbd>?</kbd> lists every key.
        </p>
      </header>
      {error !== null ? (
        <p className="field-error" role="alert">
          {messageOf(error)}
        </p>
      ) : null}
      <div className="today-grid">
        <Section
          title="Follow-ups due"
          count={
            tasks.data === undefined ? undefined : tasks.data.overdue.length + tasks.data.dueToday.length
          }
          empty="Nothing due today. Well done."
        >
          {tasks.data?.overdue.map((t) => task(t, true))}
          {tasks.data?.dueToday.map((t) => task(t, false))}
        </Section>
        <Section
          title="Replies waiting for you"
          count={replies.data?.length}
          empty="Every reply has an answer."
        >
          {replies.data?.map((r) => (
            <Item key={r.message.id} leadId={r.lead.id} kind="reply" id={r.message.id}>
              <strong>{leadDisplayName(r.lead) || 'Unnamed lead'}</strong>{' '}
              <span className={`chip temp-${r.lead.temperature}`}>{r.lead.temperature}</span>{' '}
              <span className="clip">“{r.message.body.slice(0, 100)}”</span>{' '}
              <a href={hrefOf('/replies')} tabIndex={-1}>
                reply
              </a>
            </Item>
          ))}
        </Section>
        <Section
          title="New leads not yet touched"
          count={fresh.data === undefined ? undefined : untouched.length}
          empty="Every new lead has heard from you."
        >
          {untouched.map((l) => (
            <Item key={l.id} leadId={l.id} kind="lead" id={l.id}>
              <strong>{leadDisplayName(l) || l.email || l.phone || 'Unnamed lead'}</strong>{' '}
              <span className="muted">came in {localTime(l.createdAt, here)}</span>
            </Item>
          ))}
        </Section>
        <Section
          title="Sends to check"
          count={
            attention.data === undefined
              ? undefined
              : attention.data.uncertain.length + attention.data.failed.length
          }
          empty="No send needs you."
        >
          {attention.data?.uncertain.map((m) => send(m, 'uncertain'))}
          {attention.data?.failed.map((m) => send(m, 'failed'))}
        </Section>
      </div>
    </div>
  );
}
