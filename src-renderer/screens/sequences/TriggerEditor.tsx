// What starts a sequence: a new lead (by intent and source), a score reaching N, a stage
// change, N days without contact, a tag added, enrolling by hand, or a matching new home or price
// cut (at most one alert per lead per the window set in Settings → Listings).
import type { Trigger } from '../../../src-shared/domain';
import { leadSources, leadStages } from '../../../src-shared/domain';
import { sourceLabels, stageLabels } from '../leads/format';
import { hrefOf } from '../../shell/router';

const types: [Trigger['type'], string][] = [
  ['new_lead', 'A new lead arrives'],
  ['score_threshold', 'The score reaches'],
  ['stage_change', 'The stage changes to'],
  ['inactive', 'No contact for (days)'],
  ['tag_added', 'A tag is added'],
  ['manual', 'I enroll leads by hand'],
  ['property_alert', 'A new home or price cut matches'],
];
const intents = ['buy', 'sell', 'both', 'rent'] as const;

function defaultOf(type: Trigger['type']): Trigger {
  switch (type) {
    case 'new_lead':
      return { type };
    case 'score_threshold':
      return { type, threshold: 70 };
    case 'stage_change':
      return { type, to: 'qualified' };
    case 'inactive':
      return { type, days: 45 };
    case 'tag_added':
      return { type, tag: '' };
    case 'manual':
    case 'property_alert':
      return { type };
  }
}

function toggle<T>(list: readonly T[] | undefined, value: T, on: boolean): T[] | undefined {
  const next = (list ?? []).filter((v) => v !== value).concat(on ? [value] : []);
  return next.length === 0 ? undefined : next;
}

export function TriggerEditor({ trigger, onChange }: { trigger: Trigger; onChange: (t: Trigger) => void }) {
  return (
    <fieldset className="trigger">
      <legend>Starts when</legend>
      <select
        aria-label="Trigger"
        value={trigger.type}
        onChange={(e) => onChange(defaultOf(e.target.value as Trigger['type']))}
      >
        {types.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {trigger.type === 'new_lead' ? (
        <div className="checks">
          <span className="muted">Intent (none = any):</span>
          {intents.map((intent) => (
            <label key={intent}>
              <input
                type="checkbox"
                checked={trigger.intents?.includes(intent) ?? false}
                onChange={(e) => {
                  const { intents: _old, ...rest } = trigger;
                  const next = toggle(trigger.intents, intent, e.target.checked);
                  onChange(next === undefined ? rest : { ...rest, intents: next });
                }}
              />
              {intent}
            </label>
          ))}
          <span className="muted">Source (none = any):</span>
          {leadSources.map((source) => (
            <label key={source}>
              <input
                type="checkbox"
                checked={trigger.sources?.includes(source) ?? false}
                onChange={(e) => {
                  const { sources: _old, ...rest } = trigger;
                  const next = toggle(trigger.sources, source, e.target.checked);
                  onChange(next === undefined ? rest : { ...rest, sources: next });
                }}
              />
              {sourceLabels[source]}
            </label>
          ))}
        </div>
      ) : null}
      {trigger.type === 'score_threshold' ? (
        <input
          aria-label="Score threshold"
          type="number"
          min={1}
          max={100}
          value={trigger.threshold}
          onChange={(e) =>
            onChange({ ...trigger, threshold: Math.min(100, Math.max(1, Number(e.target.value) || 1)) })
          }
        />
      ) : null}
      {trigger.type === 'stage_change' ? (
        <select
          aria-label="Stage"
          value={trigger.to}
          onChange={(e) => onChange({ ...trigger, to: e.target.value as typeof trigger.to })}
        >
          {leadStages.map((s) => (
            <option key={s} value={s}>
              {stageLabels[s]}
            </option>
          ))}
        </select>
      ) : null}
      {trigger.type === 'inactive' ? (
        <input
          aria-label="Days without contact"
          type="number"
          min={1}
          max={3650}
          value={trigger.days}
          onChange={(e) =>
            onChange({ ...trigger, days: Math.min(3650, Math.max(1, Number(e.target.value) || 1)) })
          }
        />
      ) : null}
      {trigger.type === 'tag_added' ? (
        <input
          aria-label="Tag"
          maxLength={40}
          value={trigger.tag}
          onChange={(e) => onChange({ ...trigger, tag: e.target.value })}
        />
      ) : null}
      {trigger.type === 'property_alert' ? (
        <p className="muted">
          Leads whose home preferences fit a new listing or a price cut; at most one alert per lead in the
          window set in <a href={hrefOf('/settings/listings')}>Settings → Listings</a>. Use{' '}
          <code>{'{{property_summary}}'}</code> and <code>{'{{property_matches}}'}</code> in its template.
        </p>
      ) : null}
    </fieldset>
  );
}
