// A step's fallback: the channels tried, in the order ticked, when the lead cannot be reached
// on the step's own channel (no phone, opted out, bad number). A channel that is merely not
// connected does not fall back: the message waits for it (DESIGN §9).
import type { Channel } from '../../../src-shared/domain';
import { channelLabels } from '../templates/TemplateEditor';

const fallbackChannels: readonly Channel[] = ['sms', 'whatsapp', 'email', 'call'];

export function FallbackEditor(props: {
  stepNumber: number;
  channel: Channel;
  fallback: readonly Channel[] | undefined;
  onChange: (fallback: Channel[] | undefined) => void;
}) {
  const chosen = (props.fallback ?? []).filter((c) => c !== props.channel);
  const toggle = (channel: Channel, on: boolean): void => {
    const next = on ? [...chosen, channel] : chosen.filter((c) => c !== channel);
    props.onChange(next.length === 0 ? undefined : next);
  };
  return (
    <fieldset className="fallback">
      <legend>Step {props.stepNumber}: if the lead cannot be reached this way</legend>
      {fallbackChannels
        .filter((c) => c !== props.channel)
        .map((channel) => (
          <label key={channel} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(channel)}
              onChange={(e) => toggle(channel, e.target.checked)}
            />
            <span>{channelLabels[channel]}</span>
          </label>
        ))}
      <span className="muted">
        {chosen.length === 0
          ? 'Skipped, with the reason.'
          : `Tried in this order: ${chosen.map((c) => channelLabels[c].toLowerCase()).join(', then ')}.`}
      </span>
    </fieldset>
  );
}
