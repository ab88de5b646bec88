// The assistant on the lead page: whether it is talking to this lead (and why it stopped or
// handed off), what it learned with the lead's own words, the question it asks next, and the
// agent's controls: turn it on, take over (it pauses), hand back (it answers their next
// message), turn it off. Off by default; refusals show beside the buttons.
import type { AssistantLeadState } from '../../../src-shared/assistant';
import { fieldLabels, fieldsFor } from '../../../src-shared/assistant';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { localTime } from './words';
import './assistant.css';

const modeWords: Record<AssistantLeadState['mode'], string> = {
  on: 'Talking to this lead',
  paused: 'Paused: you took over',
  handed_off: 'Handed to you',
  stopped: 'Stopped: they asked not to be contacted',
  off: 'Off for this lead',
};

const valueWords: Record<string, string> = {
  buy: 'Buying',
  sell: 'Selling',
  both: 'Buying and selling',
  rent: 'Renting',
  now: 'Ready now',
  soon: 'In the next months',
  later: 'Later on',
  pre_approved: 'Pre-approved',
  cash: 'Paying cash',
  not_yet: 'Not pre-approved yet',
};

export function AssistantPanel({ leadId, zone }: { leadId: string; zone: string }) {
  const view = useContractQuery('assistant-get', { leadId });
  const start = useContractMutation('assistant-start');
  const takeOver = useContractMutation('assistant-take-over');
  const handBack = useContractMutation('assistant-hand-back');
  const stop = useContractMutation('assistant-stop');
  const error = start.error ?? takeOver.error ?? handBack.error ?? stop.error;
  const busy = start.isPending || takeOver.isPending || handBack.isPending || stop.isPending;

  if (view.isPending) return <p className="muted">Reading the assistant…</p>;
  if (view.isError)
    return <p className="field-error">Could not read the assistant: {messageOf(view.error)}</p>;
  const { state, nextQuestion, progress, blocked } = view.data;
  const mode = state?.mode ?? 'off';
  const qualification = state?.qualification ?? {};
  const fields = fieldsFor(qualification.intent?.value);

  return (
    <section className="panel assistant-panel" aria-labelledby="assistant-title">
      <h3 id="assistant-title">Assistant</h3>
      <p>
        <span className={`status status-${mode === 'on' ? 'ok' : 'wait'}`}>{modeWords[mode]}</span>{' '}
        <span className="muted">
          {progress.filled} of {progress.of} answers
        </span>
      </p>
      {state?.handOff != null && mode === 'handed_off' ? (
        <p className="assistant-handoff">
          Handed off {localTime(state.handOff.at, zone)}: {state.handOff.reason}
        </p>
      ) : null}
      {mode === 'on' && nextQuestion !== null ? (
        <p>
          <span className="muted">Asks next: </span>“{nextQuestion}”
        </p>
      ) : null}
      {blocked !== null ? <p className="field-error">{blocked}</p> : null}
      <dl className="insights qualification">
        {fields.map((field) => {
          const filled = qualification[field];
          return (
            <div key={field}>
              <dt>{fieldLabels[field]}</dt>
              <dd>
                {filled === undefined ? (
                  <span className="muted">not yet</span>
                ) : (
                  <>
                    {valueWords[filled.value] ?? filled.value}
                    <span className="evidence"> — “{filled.evidence}”</span>
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <div className="row-actions">
        {mode === 'off' ? (
          <button type="button" disabled={busy} onClick={() => start.mutate({ leadId })}>
            Turn on the assistant
          </button>
        ) : null}
        {mode === 'on' ? (
          <button type="button" disabled={busy} onClick={() => takeOver.mutate({ leadId })}>
            Take over
          </button>
        ) : null}
        {mode === 'paused' || mode === 'handed_off' ? (
          <button type="button" disabled={busy} onClick={() => handBack.mutate({ leadId })}>
            Hand back
          </button>
        ) : null}
        {mode === 'on' || mode === 'paused' || mode === 'handed_off' ? (
          <button type="button" disabled={busy} onClick={() => stop.mutate({ leadId })}>
            Turn off
          </button>
        ) : null}
      </div>
      {error !== null ? (
        <p className="field-error" role="alert">
          {messageOf(error)}
        </p>
      ) : null}
    </section>
  );
}
