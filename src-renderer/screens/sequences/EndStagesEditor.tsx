// The stages that end the sequence for a lead. Until the agent ticks any, the trigger's
// defaults apply (endStagesOf) and are shown ticked, so what the engine does is what is seen.
import type { LeadStage, Trigger } from '../../../src-shared/domain';
import { leadStages } from '../../../src-shared/domain';
import { endStagesOf } from '../../../src-shared/playbooks/builtin-sequences';
import { stageLabels } from '../leads/format';

export function EndStagesEditor(props: {
  trigger: Trigger;
  endStages: readonly LeadStage[] | undefined;
  onChange: (endStages: LeadStage[]) => void;
}) {
  const ending = endStagesOf({ trigger: props.trigger, endStages: props.endStages });
  const toggle = (stage: LeadStage, on: boolean): void =>
    props.onChange(leadStages.filter((s) => (s === stage ? on : ending.includes(s))));
  return (
    <fieldset className="end-stages">
      <legend>The sequence ends when the lead reaches</legend>
      {leadStages
        .filter((s) => s !== 'new')
        .map((stage) => (
          <label key={stage} className="check">
            <input
              type="checkbox"
              checked={ending.includes(stage)}
              onChange={(e) => toggle(stage, e.target.checked)}
            />
            <span>{stageLabels[stage]}</span>
          </label>
        ))}
      <span className="muted">
        {props.endStages === undefined ? 'The defaults for this trigger.' : null}
        {ending.length === 0 ? 'No stage ends it: it runs to its last step or a reply.' : null}
      </span>
    </fieldset>
  );
}
