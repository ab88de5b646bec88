// A dry run's answer: each step's send time in the lead's own zone, with its quiet-hours,
// channel and template verdicts, before anything is saved or sent.
import type { DryRunResult } from '../../../src-shared/ipc/sequences';
import { PlaceText } from '../../settings/PlaceText';

function Verdict({ ok, text }: { ok: boolean; text: string }) {
  return (
    <span className={ok ? 'verdict ok' : 'verdict bad'}>
      {ok ? '✓ ' : '✗ '}
      <PlaceText text={text} />
    </span>
  );
}

export function DryRunTable({ result, leadName }: { result: DryRunResult; leadName: string }) {
  return (
    <section className="dry-run" aria-label="Dry run">
      <h3>
        Dry run on {leadName} — times in {result.zone}
        {result.zoneIsGuess ? ' (zone unknown: the strictest of the country)' : ''}
      </h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Sends (lead’s time)</th>
            <th scope="col">Quiet hours</th>
            <th scope="col">Channel</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {result.steps.map((step) => (
            <tr key={step.stepIndex}>
              <td>
                {step.stepIndex + 1}. {step.channelPlanned}
              </td>
              <td>
                {step.sendLocal}
                {step.timing.moved === true && step.dueLocal !== undefined ? (
                  <div className="muted small">due {step.dueLocal}</div>
                ) : null}
              </td>
              <td>
                <Verdict ok={step.timing.ok} text={step.timing.text} />
              </td>
              <td>
                {step.channel === undefined ? '—' : <Verdict ok={step.channel.ok} text={step.channel.text} />}
              </td>
              <td>
                {step.render === undefined ? (
                  '—'
                ) : (
                  <Verdict ok={step.render.ok} text={step.templateName ?? step.templateId} />
                )}
                {step.render?.ok === false ? (
                  <div className="field-error small">{step.render.text}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
