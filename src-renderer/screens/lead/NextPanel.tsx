// What happens next: the sequences this lead is in, each with its next step and when that goes
// on the lead's clock, with pause / resume / stop; and the lead's open tasks.
import type { Enrollment, Message, Task } from '../../../src-shared/domain';
import { messageOf, useContractMutation } from '../../bridge/query';
import { channelWord, localTime } from './words';

function EnrollmentRow(props: {
  enrollment: Enrollment;
  name: string;
  pending: Message | undefined;
  zone: string;
}) {
  const { enrollment, pending } = props;
  const pause = useContractMutation('enrollments-pause');
  const resume = useContractMutation('enrollments-resume');
  const stop = useContractMutation('enrollments-stop');
  const ids = [enrollment.id];
  const error = pause.error ?? resume.error ?? stop.error;
  return (
    <li className="enrollment">
      <strong>{props.name}</strong>{' '}
      <span className={`status status-${enrollment.status === 'active' ? 'ok' : 'wait'}`}>
        {enrollment.status === 'paused'
          ? enrollment.pausedBy === 'sequence'
            ? 'Paused (whole sequence)'
            : 'Paused'
          : 'Running'}
      </span>
      <p>
        {pending !== undefined && pending.sendAt !== undefined
          ? `Step ${(pending.stepIndex ?? 0) + 1}: ${channelWord(pending.channel).toLowerCase()} ${
              enrollment.status === 'paused' ? 'would go' : 'goes'
            } ${localTime(pending.sendAt, props.zone)} their time`
          : enrollment.status === 'paused'
            ? 'Nothing goes while paused; the next step runs its delay after you resume.'
            : `Step ${enrollment.nextStepIndex + 1} is being prepared.`}
      </p>
      <div className="row-actions">
        {enrollment.status === 'active' ? (
          <button type="button" onClick={() => pause.mutate({ ids })} disabled={pause.isPending}>
            Pause
          </button>
        ) : (
          <button type="button" onClick={() => resume.mutate({ ids })} disabled={resume.isPending}>
            Resume
          </button>
        )}
        <button type="button" onClick={() => stop.mutate({ ids })} disabled={stop.isPending}>
          Stop
        </button>
      </div>
      {error !== null ? <p className="field-error">{messageOf(error)}</p> : null}
    </li>
  );
}

function TaskRow({ task, zone }: { task: Task; zone: string }) {
  const done = useContractMutation('tasks-set-status');
  const overdue = task.dueAt < Date.now();
  return (
    <li className="task">
      <span>
        {task.kind === 'call' ? 'Call: ' : ''}
        {task.title}
      </span>
      <span className={overdue ? 'overdue' : 'muted'}>
        {overdue ? 'overdue since ' : 'due '}
        {localTime(task.dueAt, zone)}
      </span>
      <button
        type="button"
        onClick={() => done.mutate({ id: task.id, status: 'done' })}
        disabled={done.isPending}
      >
        Done
      </button>
    </li>
  );
}

export function NextPanel(props: {
  enrollments: readonly Enrollment[];
  messages: readonly Message[];
  tasks: readonly Task[];
  sequenceNames: ReadonlyMap<string, string>;
  zone: string;
}) {
  const running = props.enrollments.filter((e) => e.status === 'active' || e.status === 'paused');
  const open = props.tasks.filter((t) => t.status === 'open').sort((a, b) => a.dueAt - b.dueAt);
  const byId = new Map(props.messages.map((m) => [m.id, m]));
  return (
    <section className="panel" aria-labelledby="what-next">
      <h3 id="what-next">What happens next</h3>
      {running.length === 0 ? (
        <p className="muted">No sequence is running for this lead. Enroll them from the actions above.</p>
      ) : (
        <ul className="plain-list">
          {running.map((e) => (
            <EnrollmentRow
              key={e.id}
              enrollment={e}
              name={props.sequenceNames.get(e.sequenceId) ?? 'Sequence'}
              pending={e.pendingMessageId === undefined ? undefined : byId.get(e.pendingMessageId)}
              zone={props.zone}
            />
          ))}
        </ul>
      )}
      <h4>Open tasks</h4>
      {open.length === 0 ? (
        <p className="muted">No open tasks.</p>
      ) : (
        <ul className="plain-list">
          {open.map((t) => (
            <TaskRow key={t.id} task={t} zone={props.zone} />
          ))}
        </ul>
      )}
    </section>
  );
}
