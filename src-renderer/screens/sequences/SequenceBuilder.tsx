// The sequence builder: name, trigger, steps (add, edit, reorder, remove), a dry run on a chosen
// lead before saving, save (a new version when the steps or trigger change, with what happens to
// running leads said first), activate / pause / archive, and enrolling a lead by hand.
import { useState, type FormEvent } from 'react';
import type { Lead, LeadStage, Sequence, SequenceStep, Template, Trigger } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { DryRunResult } from '../../../src-shared/ipc/sequences';
import { useBridge } from '../../bridge/context';
import { outcomeOf, type Outcome } from '../../settings/fields';
import { LeadPicker } from '../templates/LeadPicker';
import { useContractQuery } from '../../bridge/query';
import { DryRunTable } from './DryRunTable';
import { EndStagesEditor } from './EndStagesEditor';
import { StepEditor } from './StepEditor';
import { moveStep, newStep, versioningMessage, withFallbackDefault } from './steps';
import { TriggerEditor } from './TriggerEditor';

export function SequenceBuilder({
  sequence,
  templates,
  running,
  onSaved,
}: {
  sequence: Sequence | null;
  templates: readonly Template[];
  running: number;
  onSaved: (s: Sequence) => void;
}) {
  const bridge = useBridge();
  const firstSms = templates.find((t) => t.channel === 'sms')?.id ?? templates[0]?.id ?? '';
  const [name, setName] = useState(sequence?.name ?? '');
  const [trigger, setTrigger] = useState<Trigger>(sequence?.trigger ?? { type: 'manual' });
  const fallbackDefaults = useContractQuery('engine-settings-get', {}).data?.fallbackDefaults ?? {};
  const [steps, setSteps] = useState<SequenceStep[]>(
    sequence?.steps ?? [{ ...newStep('sms', firstSms), delay: { amount: 0, unit: 'minutes' } }],
  );
  const [endStages, setEndStages] = useState<LeadStage[] | undefined>(sequence?.endStages);
  const [lead, setLead] = useState<Lead | undefined>(undefined);
  const [dryRun, setDryRun] = useState<DryRunResult | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [enrollOutcome, setEnrollOutcome] = useState<Outcome | null>(null);
  const enrolled = useContractQuery(
    'enrollments-list',
    { sequenceId: sequence?.id ?? '', status: 'active', limit: 20 },
    { enabled: sequence !== null },
  );

  const changed =
    sequence === null ||
    JSON.stringify(trigger) !== JSON.stringify(sequence.trigger) ||
    JSON.stringify(steps) !== JSON.stringify(sequence.steps);
  const errors = outcome?.ok === false ? (outcome.fieldErrors ?? {}) : {};

  async function runDry() {
    if (lead === undefined) return;
    try {
      setDryRun(await bridge.invoke('sequences-dry-run', { leadId: lead.id, steps }));
      setOutcome(null);
    } catch (error) {
      setOutcome(outcomeOf(error));
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = { name, trigger, steps, ...(endStages === undefined ? {} : { endStages }) };
    try {
      const saved =
        sequence === null
          ? await bridge.invoke('sequences-create', { sequence: input, status: 'paused' })
          : await bridge.invoke('sequences-update', { id: sequence.id, patch: input });
      setOutcome({
        ok: true,
        text:
          sequence === null
            ? `Saved “${saved.name}”, paused: activate it when you are ready.`
            : `Saved “${saved.name}” as version ${saved.version}.`,
      });
      onSaved(saved);
    } catch (error) {
      setOutcome(outcomeOf(error));
    }
  }

  async function setStatus(status: Sequence['status']) {
    if (sequence === null) return;
    try {
      onSaved(await bridge.invoke('sequences-set-status', { id: sequence.id, status }));
      setOutcome({ ok: true, text: `The sequence is ${status}.` });
    } catch (error) {
      setOutcome(outcomeOf(error));
    }
  }

  async function enroll() {
    if (sequence === null || lead === undefined) return;
    try {
      const result = await bridge.invoke('enrollments-enroll', {
        sequenceId: sequence.id,
        leadIds: [lead.id],
      });
      const skipped = result.skipped[0];
      setEnrollOutcome(
        skipped === undefined
          ? { ok: true, text: `${leadDisplayName(lead)} is enrolled.` }
          : { ok: false, text: `${leadDisplayName(lead)} was not enrolled: ${skipped.reason}.` },
      );
    } catch (error) {
      setEnrollOutcome(outcomeOf(error));
    }
  }

  return (
    <form className="builder" aria-label="Sequence builder" onSubmit={(e) => void save(e)}>
      <div className="builder-head">
        <label className="field grow">
          <span>Name</span>
          <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        {sequence !== null ? (
          <div className="status-tools" role="group" aria-label="Status">
            <span className={`chip status-${sequence.status}`}>{sequence.status}</span>
            <span className="muted">version {sequence.version}</span>
            {sequence.status !== 'active' && sequence.status !== 'archived' ? (
              <button type="button" onClick={() => void setStatus('active')}>
                Activate
              </button>
            ) : null}
            {sequence.status === 'active' ? (
              <button type="button" onClick={() => void setStatus('paused')}>
                Pause
              </button>
            ) : null}
            {sequence.status !== 'archived' ? (
              <button type="button" onClick={() => void setStatus('archived')}>
                Archive
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <TriggerEditor trigger={trigger} onChange={setTrigger} />
      <EndStagesEditor trigger={trigger} endStages={endStages} onChange={setEndStages} />
      <ol className="steps">
        {steps.map((step, i) => (
          <StepEditor
            key={step.id}
            index={i}
            count={steps.length}
            step={step}
            templates={templates}
            fallbackDefaults={fallbackDefaults}
            errors={errors}
            onChange={(next) => setSteps((all) => all.map((s, j) => (j === i ? next : s)))}
            onMove={(by) => setSteps((all) => moveStep(all, i, by))}
            onRemove={() => setSteps((all) => all.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          setSteps((all) => [
            ...all,
            withFallbackDefault(
              newStep('email', templates.find((t) => t.channel === 'email')?.id ?? firstSms),
              fallbackDefaults,
            ),
          ])
        }
      >
        + Add a step
      </button>
      <section className="dry-run-tools" aria-label="Try it on a lead">
        <LeadPicker label="Try it on" leadId={lead?.id} onChange={setLead} />
        <button type="button" disabled={lead === undefined} onClick={() => void runDry()}>
          Dry run
        </button>
        {sequence !== null ? (
          <button
            type="button"
            disabled={lead === undefined || sequence.status !== 'active'}
            onClick={() => void enroll()}
          >
            Enroll this lead
          </button>
        ) : null}
        {enrollOutcome !== null ? (
          <span className={enrollOutcome.ok ? 'outcome ok' : 'outcome error'} role="status">
            {enrollOutcome.text}
          </span>
        ) : null}
      </section>
      {dryRun !== null && lead !== undefined ? (
        <DryRunTable result={dryRun} leadName={leadDisplayName(lead)} />
      ) : null}
      <div className="editor-actions">
        <button type="submit" className="primary">
          Save sequence
        </button>
        {sequence !== null ? (
          <span className="muted">{versioningMessage(sequence.version, running, changed)}</span>
        ) : null}
      </div>
      {outcome !== null ? (
        <p className={outcome.ok ? 'outcome ok' : 'outcome error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      ) : null}
      {sequence !== null ? (
        <section aria-label="Running now">
          <h3>Running now ({enrolled.data?.total ?? 0})</h3>
          <ul className="enrolled">
            {enrolled.data?.rows.map((e) => (
              <li key={e.id}>
                <LeadName id={e.leadId} /> · next step {e.nextStepIndex + 1} · version {e.sequenceVersion}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </form>
  );
}

function LeadName({ id }: { id: string }) {
  const lead = useContractQuery('leads-get', { id });
  return <span>{lead.data == null ? id : leadDisplayName(lead.data) || id}</span>;
}
