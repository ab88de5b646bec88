// One step of a sequence: channel, delay, optional send window, condition, template and fallback, with
// buttons to move it up or down or remove it. Errors core returned for this step show here.
import type { Channel, SequenceStep, Template } from '../../../src-shared/domain';
import { channelLabels } from '../templates/TemplateEditor';
import { FallbackEditor } from './FallbackEditor';
import { withFallbackDefault, type FallbackDefaults } from './steps';

const units: [SequenceStep['delay']['unit'], string][] = [
  ['minutes', 'minutes'],
  ['hours', 'hours'],
  ['days', 'days'],
  ['business_days', 'business days'],
];

const conditions: [SequenceStep['condition']['type'], string][] = [
  ['always', 'Always'],
  ['no_reply_since_enrollment', 'Only if no reply yet'],
  ['last_not_opened', 'Only if the last one was not opened'],
  ['last_not_delivered', 'Only if the last one was not delivered'],
  ['score_at_least', 'Only if the score is at least…'],
];

export function StepEditor(props: {
  index: number;
  count: number;
  step: SequenceStep;
  templates: readonly Template[];
  fallbackDefaults: FallbackDefaults;
  errors: Record<string, string>;
  onChange: (step: SequenceStep) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { index, step, templates, errors } = props;
  const n = index + 1;
  const set = (patch: Partial<SequenceStep>) => props.onChange({ ...step, ...patch });
  const forChannel = templates.filter((t) => t.channel === step.channel);
  const error = (field: string) =>
    errors[`steps.${index}.${field}`] ?? errors[`sequence.steps.${index}.${field}`];

  return (
    <li className="step" aria-label={`Step ${n}`}>
      <div className="step-head">
        <strong>Step {n}</strong>
        <span className="step-tools">
          <button
            type="button"
            aria-label={`Move step ${n} up`}
            disabled={index === 0}
            onClick={() => props.onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move step ${n} down`}
            disabled={index === props.count - 1}
            onClick={() => props.onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            aria-label={`Remove step ${n}`}
            disabled={props.count === 1}
            onClick={props.onRemove}
          >
            Remove
          </button>
        </span>
      </div>
      <div className="step-grid">
        <label>
          <span>Channel</span>
          <select
            value={step.channel}
            onChange={(e) => {
              const channel = e.target.value as Channel;
              const first = templates.find((t) => t.channel === channel);
              // A new channel starts with the team's default fallback for it.
              props.onChange(
                withFallbackDefault(
                  { ...step, channel, ...(first === undefined ? {} : { templateId: first.id }) },
                  props.fallbackDefaults,
                ),
              );
            }}
          >
            {Object.entries(channelLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Wait</span>
          <input
            type="number"
            min={0}
            max={10000}
            value={step.delay.amount}
            onChange={(e) =>
              set({ delay: { ...step.delay, amount: Math.max(0, Number(e.target.value) || 0) } })
            }
          />
        </label>
        <label>
          <span>Unit</span>
          <select
            value={step.delay.unit}
            onChange={(e) =>
              set({ delay: { ...step.delay, unit: e.target.value as SequenceStep['delay']['unit'] } })
            }
          >
            {units.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          <span>Template</span>
          <select
            value={step.templateId}
            aria-invalid={error('templateId') !== undefined}
            onChange={(e) => set({ templateId: e.target.value })}
          >
            {forChannel.some((t) => t.id === step.templateId) ? null : (
              <option value={step.templateId}>
                (choose a {channelLabels[step.channel].toLowerCase()} template)
              </option>
            )}
            {forChannel.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          <span>Condition</span>
          <select
            value={step.condition.type}
            onChange={(e) => {
              const type = e.target.value as SequenceStep['condition']['type'];
              set({ condition: type === 'score_at_least' ? { type, score: 60 } : { type } });
            }}
          >
            {conditions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {step.condition.type === 'score_at_least' ? (
          <label>
            <span>Score</span>
            <input
              type="number"
              min={1}
              max={100}
              value={step.condition.score}
              onChange={(e) =>
                set({
                  condition: {
                    type: 'score_at_least',
                    score: Math.min(100, Math.max(1, Number(e.target.value) || 1)),
                  },
                })
              }
            />
          </label>
        ) : null}
        <label className="check">
          <input
            type="checkbox"
            checked={step.window !== undefined}
            onChange={(e) => {
              const { window: _dropped, ...rest } = step;
              props.onChange(e.target.checked ? { ...rest, window: { start: '09:00', end: '17:00' } } : rest);
            }}
          />
          <span>Own send window</span>
        </label>
        {step.window !== undefined ? (
          <>
            <label>
              <span>From</span>
              <input
                type="time"
                value={step.window.start}
                onChange={(e) => step.window && set({ window: { ...step.window, start: e.target.value } })}
              />
            </label>
            <label>
              <span>Until</span>
              <input
                type="time"
                value={step.window.end}
                onChange={(e) => step.window && set({ window: { ...step.window, end: e.target.value } })}
              />
            </label>
          </>
        ) : null}
      </div>
      {step.channel === 'notification' ? null : (
        <FallbackEditor
          stepNumber={n}
          channel={step.channel}
          fallback={step.fallback}
          onChange={(fallback) => {
            const { fallback: _dropped, ...rest } = step;
            props.onChange(fallback === undefined ? rest : { ...rest, fallback });
          }}
        />
      )}
      {[error('templateId'), error('window'), error('fallback')].filter(Boolean).map((text) => (
        <p key={text} className="field-error" role="alert">
          Step {n}: {text}
        </p>
      ))}
    </li>
  );
}
