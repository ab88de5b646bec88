// Settings → Sending rules: the hours automatic messages may go out in each lead's own time,
// the days with automatic sends, team holidays, the zone assumed when a lead's is unknown, the
// sends a minute each channel may make, and the fallback new steps start with. A refused value
// is named beside its field and nothing typed is lost.
import { useEffect, useState } from 'react';
import type { Channel } from '../../src-shared/domain';
import type { EngineSettings } from '../../src-shared/playbooks/engine-settings';
import { useBridge } from '../bridge/context';
import { Field, FieldErrorText, OutcomeLine, outcomeOf, type Outcome } from './fields';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const limited = [
  ['sms', 'Texts a minute'],
  ['whatsapp', 'WhatsApp messages a minute'],
  ['email', 'Emails a minute'],
] as const;

const fallbackChoices: [Channel | '', string][] = [
  ['', 'skipped, with the reason'],
  ['sms', 'a text message'],
  ['whatsapp', 'WhatsApp'],
  ['email', 'an email'],
  ['call', 'a call task'],
];

interface Form {
  start: string;
  end: string;
  days: number[];
  holidays: string;
  zone: string;
  limits: Record<(typeof limited)[number][0], string>;
  /** The first fallback a new step on each channel starts with ('' = none). */
  fallback: Record<(typeof limited)[number][0], Channel | ''>;
}

function formOf(s: EngineSettings): Form {
  return {
    start: s.quietHours.start,
    end: s.quietHours.end,
    days: s.sendWeekdays,
    holidays: s.holidays.join('\n'),
    zone: s.teamTimeZone,
    limits: {
      sms: String(s.rateLimits.sms),
      whatsapp: String(s.rateLimits.whatsapp),
      email: String(s.rateLimits.email),
    },
    fallback: {
      sms: s.fallbackDefaults.sms?.[0] ?? '',
      whatsapp: s.fallbackDefaults.whatsapp?.[0] ?? '',
      email: s.fallbackDefaults.email?.[0] ?? '',
    },
  };
}

export function SendingRulesSection() {
  const bridge = useBridge();
  const [saved, setSaved] = useState<EngineSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('engine-settings-get', {}).then((s) => {
      setSaved(s);
      setForm(formOf(s));
    });
  }, [bridge]);
  if (form === null || saved === null) return <p>Loading…</p>;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const error = (key: string): string | undefined => outcome?.fieldErrors?.[key];
  const holidayError = Object.entries(outcome?.fieldErrors ?? {}).find(([k]) =>
    k.startsWith('holidays'),
  )?.[1];

  const save = async (): Promise<void> => {
    const holidays = form.holidays
      .split(/[\n,]+/)
      .map((h) => h.trim())
      .filter(Boolean);
    try {
      const next = await bridge.invoke('engine-settings-update', {
        patch: {
          quietHours: { start: form.start, end: form.end },
          sendWeekdays: [...form.days].sort((a, b) => a - b),
          holidays,
          teamTimeZone: form.zone.trim(),
          rateLimits: {
            ...saved.rateLimits,
            sms: Number(form.limits.sms),
            whatsapp: Number(form.limits.whatsapp),
            email: Number(form.limits.email),
          },
          fallbackDefaults: Object.fromEntries(
            limited.flatMap(([channel]) =>
              form.fallback[channel] === '' ? [] : [[channel, [form.fallback[channel]]]],
            ),
          ),
        },
      });
      setSaved(next);
      setOutcome({
        ok: true,
        text: 'Saved. Every scheduled message is checked against these rules again when it comes due.',
      });
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  };

  const states = Object.entries(saved.stateQuietHours)
    .map(([state, w]) => `${state} ${w.start}–${w.end}`)
    .join(', ');
  return (
    <section aria-label="Sending rules">
      <h4>Hours in the lead’s own time</h4>
      <div className="form-grid">
        <Field
          label="Send from"
          name="start"
          type="time"
          value={form.start}
          onChange={(start) => set({ start })}
          error={error('quietHours.start')}
        />
        <Field
          label="Send until"
          name="end"
          type="time"
          value={form.end}
          onChange={(end) => set({ end })}
          error={error('quietHours.end')}
        />
      </div>
      {states !== '' ? <p className="muted">Narrower by state law: {states}.</p> : null}
      <fieldset className="day-picker" aria-invalid={error('sendWeekdays') !== undefined}>
        <legend>Days with automatic sends (business days)</legend>
        {weekdays.map((day, i) => (
          <label key={day} className="check">
            <input
              type="checkbox"
              checked={form.days.includes(i + 1)}
              onChange={(e) =>
                set({ days: e.target.checked ? [...form.days, i + 1] : form.days.filter((d) => d !== i + 1) })
              }
            />
            <span>{day}</span>
          </label>
        ))}
        <FieldErrorText error={error('sendWeekdays')} />
      </fieldset>
      <label className="field wide">
        <span>Team holidays: no automatic sends, not business days (one date a line, yyyy-mm-dd)</span>
        <textarea
          name="holidays"
          rows={3}
          value={form.holidays}
          aria-invalid={holidayError !== undefined}
          onChange={(e) => set({ holidays: e.target.value })}
        />
        <FieldErrorText error={holidayError} />
      </label>
      <div className="form-grid wide">
        <Field
          label="Team time zone (a lead whose zone is unknown)"
          name="zone"
          value={form.zone}
          onChange={(zone) => set({ zone })}
          error={error('teamTimeZone')}
        />
        {limited.map(([channel, label]) => (
          <Field
            key={channel}
            label={label}
            name={`limit-${channel}`}
            value={form.limits[channel]}
            onChange={(value) => set({ limits: { ...form.limits, [channel]: value } })}
            error={error(`rateLimits.${channel}`)}
          />
        ))}
      </div>
      <h4>When a new step cannot reach the lead on its channel (no phone, opted out, bad number)</h4>
      <div className="form-grid three">
        {limited.map(([channel]) => (
          <label key={channel} className="field">
            <span>
              {channel === 'sms'
                ? 'A text step'
                : channel === 'whatsapp'
                  ? 'A WhatsApp step'
                  : 'An email step'}{' '}
              is
            </span>
            <select
              name={`fallback-${channel}`}
              value={form.fallback[channel]}
              onChange={(e) =>
                set({ fallback: { ...form.fallback, [channel]: e.target.value as Channel | '' } })
              }
            >
              {fallbackChoices
                .filter(([value]) => value !== channel)
                .map(([value, label]) => (
                  <option key={value} value={value}>
                    {value === '' ? label : `sent as ${label}`}
                  </option>
                ))}
            </select>
          </label>
        ))}
      </div>
      <p className="muted">The sequence builder gives new steps these; each step can change its own.</p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => void save()}>
          Save sending rules
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
    </section>
  );
}
