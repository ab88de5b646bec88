// One routing rule as an admin edits it in Settings → Team → Lead routing: its name, the area
// (ZIPs, cities), the price band, the sources, its agents and how they get leads.
import { leadSourceLabels, leadSources } from '../../src-shared/domain';
import type { RoutingMode, RoutingView } from '../../src-shared/routing';
import { Field, FieldErrorText } from './fields';

type Source = (typeof leadSources)[number];
export interface RuleDraft {
  id: string;
  name: string;
  zips: string;
  cities: string;
  priceMin: string;
  priceMax: string;
  sources: Source[];
  agentIds: string[];
  mode: RoutingMode;
}

export const modeWords: Record<RoutingMode, string> = {
  round_robin: 'Round robin (each in turn)',
  first_to_claim: 'First to claim (offered to all; the first to take it owns it)',
};

export const toggle = <T,>(items: readonly T[], item: T): T[] =>
  items.includes(item) ? items.filter((x) => x !== item) : [...items, item];

export function RuleFields(props: {
  rule: RuleDraft;
  index: number;
  agents: RoutingView['agents'];
  error: (key: string) => string | undefined;
  change: (patch: Partial<RuleDraft>) => void;
  remove: () => void;
}) {
  const { rule, index, agents, error, change, remove } = props;
  const key = (field: string): string => `rules.rules.${index}.${field}`;
  return (
    <fieldset className="routing-rule">
      <legend>Rule {index + 1}</legend>
      <Field
        label="Rule name"
        name={key('name')}
        value={rule.name}
        onChange={(name) => change({ name })}
        error={error(key('name'))}
      />
      <Field
        label="ZIPs (comma-separated)"
        name={key('zips')}
        value={rule.zips}
        onChange={(zips) => change({ zips })}
        error={error(key('zips')) ?? error(`${key('zips')}.0`)}
      />
      <Field
        label="Cities (comma-separated)"
        name={key('cities')}
        value={rule.cities}
        onChange={(cities) => change({ cities })}
        error={error(key('cities'))}
      />
      <Field
        label="Lowest price"
        name={key('priceMin')}
        value={rule.priceMin}
        onChange={(priceMin) => change({ priceMin })}
        error={error(key('priceMin'))}
      />
      <Field
        label="Highest price"
        name={key('priceMax')}
        value={rule.priceMax}
        onChange={(priceMax) => change({ priceMax })}
        error={error(key('priceMax'))}
      />
      <fieldset>
        <legend>Sources (none ticked: any)</legend>
        {leadSources.map((source) => (
          <label key={source} className="check">
            <input
              type="checkbox"
              checked={rule.sources.includes(source)}
              onChange={() => change({ sources: toggle(rule.sources, source) })}
            />{' '}
            {leadSourceLabels[source]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Agents of this rule</legend>
        {agents.map((agent) => (
          <label key={agent.id} className="check">
            <input
              type="checkbox"
              checked={rule.agentIds.includes(agent.id)}
              onChange={() => change({ agentIds: toggle(rule.agentIds, agent.id) })}
            />{' '}
            {agent.name}
          </label>
        ))}
        <FieldErrorText error={error(key('agentIds'))} />
      </fieldset>
      <label className="field">
        <span>How its agents get leads</span>
        <select value={rule.mode} onChange={(e) => change({ mode: e.target.value as RoutingMode })}>
          {Object.entries(modeWords).map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={remove}>
        Remove rule {index + 1}
      </button>
    </fieldset>
  );
}
