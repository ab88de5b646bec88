// Getting started: four short steps (your profile, one channel, leads of your own, your
// playbooks), each with where to do it and whether it is done. It can be skipped and resumed;
// a step Porchlight cannot see done (playbooks) is marked done by hand.
import type { FirstRunStepId } from '../../../src-shared/ipc/app';
import { settingsPath } from '../../../src-shared/settings-sections';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { hrefOf, navigate } from '../../shell/router';

const steps: Record<FirstRunStepId, { title: string; go: string; goLabel: string }> = {
  profile: { title: 'Your profile', go: settingsPath('profile'), goLabel: 'Open Settings → Profile' },
  channel: { title: 'Connect one channel', go: settingsPath('email'), goLabel: 'Connect email or texts' },
  leads: { title: 'Import or add leads', go: '/import', goLabel: 'Import leads' },
  playbooks: { title: 'Pick your playbooks', go: '/sequences', goLabel: 'Open the sequences' },
};

export function StartScreen() {
  const guide = useContractQuery('first-run-get', {});
  const set = useContractMutation('first-run-set');
  if (guide.data === undefined)
    return <p className="screen-message">{guide.isError ? messageOf(guide.error) : 'Loading…'}</p>;
  const { data } = guide;
  const done = data.steps.filter((s) => s.done).length;
  return (
    <section className="start" aria-labelledby="start-title">
      <h2 id="start-title">Getting started</h2>
      <p>
        {data.finished
          ? 'All four steps are done: Porchlight follows up for you.'
          : `${done} of ${data.steps.length} done. Each step takes a minute; you can come back any time.`}
      </p>
      {data.skipped ? (
        <p role="status">
          You skipped the guide.{' '}
          <button type="button" onClick={() => set.mutate({ skipped: false })}>
            Resume the guide
          </button>
        </p>
      ) : null}
      <ol className="start-steps">
        {data.steps.map((step, i) => (
          <li key={step.id} className={step.done ? 'done' : ''}>
            <h3>
              <span aria-hidden="true">{step.done ? '✓' : i + 1}</span> {steps[step.id].title}
              {step.done ? <span className="visually-hidden"> (done)</span> : null}
            </h3>
            <p>{step.detail}</p>
            <div className="start-actions">
              <a href={hrefOf(steps[step.id].go)}>{steps[step.id].goLabel}</a>
              {step.done && !step.marked ? null : (
                <button
                  type="button"
                  onClick={() => set.mutate({ mark: { step: step.id, done: !step.done } })}
                >
                  {step.done ? 'Not done yet' : 'Mark as done'}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      {set.isError ? <p className="form-problem">{messageOf(set.error)}</p> : null}
      {!data.skipped && !data.finished ? (
        <button
          type="button"
          onClick={() => set.mutate({ skipped: true }, { onSuccess: () => navigate('/leads') })}
        >
          Skip for now
        </button>
      ) : null}
    </section>
  );
}
