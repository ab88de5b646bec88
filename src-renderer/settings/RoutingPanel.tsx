// Settings → Team → Lead routing (docs/routing.md): every agent can stop or start receiving
// new leads; an admin edits the team's rules (by area, price band and source, each with its
// group of agents and round robin or first to claim), the team's own mode, who is paused, and
// escalation. The rules live on the team server; a refusal is shown beside its field.
import { useEffect, useState } from 'react';
import type { RoutingMode, RoutingRulesInput, RoutingView } from '../../src-shared/routing';
import { useBridge } from '../bridge/context';
import { Field, OutcomeLine, outcomeOf, type Outcome } from './fields';
import { modeWords, RuleFields, toggle, type RuleDraft } from './RoutingRuleFields';

const list = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

function draftOf(view: RoutingView): RuleDraft[] {
  return view.rules.rules.map((rule) => ({
    id: rule.id,
    name: rule.name,
    zips: rule.zips.join(', '),
    cities: rule.cities.join(', '),
    priceMin: rule.priceMin === undefined ? '' : String(rule.priceMin),
    priceMax: rule.priceMax === undefined ? '' : String(rule.priceMax),
    sources: rule.sources,
    agentIds: rule.agentIds,
    mode: rule.mode,
  }));
}

/** A price as typed, or the words of its refusal. */
function price(text: string): number | undefined | string {
  if (text.trim() === '') return undefined;
  const value = Number(text.replace(/[$,\s]/g, ''));
  return Number.isFinite(value) && value >= 0 ? value : 'Enter a price in dollars, like 500000';
}

export function RoutingPanel({ isAdmin, agentEmail }: { isAdmin: boolean; agentEmail: string }) {
  const bridge = useBridge();
  const [view, setView] = useState<RoutingView | null>(null);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [mode, setMode] = useState<RoutingMode>('round_robin');
  const [paused, setPaused] = useState<string[]>([]);
  const [escalation, setEscalation] = useState({ minutes: '0', to: 'next_agent' as 'next_agent' | 'admin' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const adopt = (next: RoutingView): void => {
    setView(next);
    setRules(draftOf(next));
    setMode(next.rules.mode);
    setPaused(next.rules.pausedAgentIds);
    setEscalation({ minutes: String(next.rules.escalation.afterMinutes), to: next.rules.escalation.to });
  };
  useEffect(() => {
    bridge.invoke('team-routing-get', {}).then(adopt, (e: unknown) => setOutcome(outcomeOf(e)));
  }, [bridge]);
  if (view === null)
    return <OutcomeLine outcome={outcome ?? { ok: true, text: 'Loading the team’s routing…' }} />;
  const me = view.agents.find((a) => a.email === agentEmail);
  const error = (key: string): string | undefined => outcome?.fieldErrors?.[key];
  const change = (index: number, patch: Partial<RuleDraft>): void =>
    setRules((all) => all.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));

  const save = async (): Promise<void> => {
    const local: Record<string, string> = {};
    const input: RoutingRulesInput = {
      mode,
      pausedAgentIds: paused,
      escalation: { afterMinutes: Number(escalation.minutes), to: escalation.to },
      rules: rules.map((rule, index) => {
        const [low, high] = [price(rule.priceMin), price(rule.priceMax)];
        if (typeof low === 'string') local[`rules.rules.${index}.priceMin`] = low;
        if (typeof high === 'string') local[`rules.rules.${index}.priceMax`] = high;
        return {
          id: rule.id,
          name: rule.name,
          zips: list(rule.zips),
          cities: list(rule.cities),
          ...(typeof low === 'number' ? { priceMin: low } : {}),
          ...(typeof high === 'number' ? { priceMax: high } : {}),
          sources: rule.sources,
          agentIds: rule.agentIds,
          mode: rule.mode,
        };
      }),
    };
    if (!/^\d+$/.test(escalation.minutes.trim()))
      local['rules.escalation.afterMinutes'] = 'Enter whole minutes (0: never)';
    if (Object.keys(local).length > 0) {
      setOutcome({ ok: false, text: `Not saved: ${Object.values(local).join('; ')}.`, fieldErrors: local });
      return;
    }
    try {
      adopt(await bridge.invoke('team-routing-set', { rules: input }));
      setOutcome({ ok: true, text: 'Routing saved: new leads from the intake follow these rules now.' });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  const receiving = (
    <label className="field">
      <span>
        <input
          type="checkbox"
          checked={me !== undefined && !me.paused}
          disabled={me === undefined}
          onChange={(e) =>
            void bridge
              .invoke('team-receiving-set', { paused: !e.target.checked })
              .then(adopt, (err: unknown) => setOutcome(outcomeOf(err)))
          }
        />{' '}
        I receive new leads (untick to pause)
      </span>
    </label>
  );
  if (!isAdmin)
    return (
      <section aria-label="Lead routing">
        <h3>Lead routing</h3>
        {receiving}
        <OutcomeLine outcome={outcome} />
      </section>
    );
  return (
    <section aria-label="Lead routing">
      <h3>Lead routing</h3>
      <p>
        Leads that reach the team’s intake address go to the first rule that matches, else to the whole team.
      </p>
      {receiving}
      {rules.map((rule, index) => (
        <RuleFields
          key={rule.id}
          rule={rule}
          index={index}
          agents={view.agents}
          error={error}
          change={(patch) => change(index, patch)}
          remove={() => setRules((all) => all.filter((_, i) => i !== index))}
        />
      ))}
      <button
        type="button"
        onClick={() =>
          setRules((all) => [
            ...all,
            {
              id: `rule-${Date.now().toString(36)}`,
              name: '',
              zips: '',
              cities: '',
              priceMin: '',
              priceMax: '',
              sources: [],
              agentIds: [],
              mode: 'round_robin',
            },
          ])
        }
      >
        Add a rule
      </button>
      <label className="field">
        <span>Leads no rule takes</span>
        <select value={mode} onChange={(e) => setMode(e.target.value as RoutingMode)}>
          {Object.entries(modeWords).map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Paused agents (get no new leads)</legend>
        {view.agents.map((agent) => (
          <label key={agent.id} className="check">
            <input
              type="checkbox"
              checked={paused.includes(agent.id)}
              onChange={() => setPaused((all) => toggle(all, agent.id))}
            />{' '}
            {agent.name}
          </label>
        ))}
      </fieldset>
      <Field
        label="Escalate after minutes without an answer (0: never)"
        name="escalationMinutes"
        value={escalation.minutes}
        onChange={(minutes) => setEscalation((e) => ({ ...e, minutes }))}
        error={error('rules.escalation.afterMinutes')}
      />
      <label className="field">
        <span>Escalate to</span>
        <select
          value={escalation.to}
          onChange={(e) =>
            setEscalation((x) => ({ ...x, to: e.target.value === 'admin' ? 'admin' : 'next_agent' }))
          }
        >
          <option value="next_agent">The next agent of the group</option>
          <option value="admin">An admin</option>
        </select>
      </label>
      <OutcomeLine outcome={outcome} />
      <button type="button" className="primary" onClick={() => void save()}>
        Save routing
      </button>
    </section>
  );
}
