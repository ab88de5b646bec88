// A sequence run on one lead without sending or saving anything: each step's send time as the
// engine would plan it (the same sendTimeFor the materialiser uses, each step anchored on the
// previous one's send, as a settled step anchors the next), shown in the lead's own zone, with
// what moved it (quiet hours, the step's window, send weekdays, holidays), the channel verdict
// (the engine's own channel choice on the lead's data, consent and suppressions) and whether the
// template renders for this lead. Nothing here writes to the store.
import { DateTime } from 'luxon';
import type { Channel, Lead, SequenceStep } from '../../../src-shared/domain';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { DryRunResult, DryRunStep } from '../../../src-shared/ipc/sequences';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import { TemplateError, renderTemplate } from '../../../src-shared/templates';
import { QuietHoursError, addDelay, parseLocalTime } from '../../../src-shared/timing';
import type { CoreContext } from '../context';
import { planChannel } from '../engine/channel-choice';
import { readEngineSettings, sendRulesOf } from '../engine/settings';
import { templateValuesFor } from '../engine/template-values';
import { voiceFor } from '../profile/voice';
import { suppressedChannels } from '../enrollments/enroll';
import { sendTimeFor } from '../enrollments/materialise';
import { isWhatsAppWindowOpen } from '../messages/whatsapp-window';

const LOCAL_FORMAT = 'ccc d LLL yyyy, HH:mm';

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Why a due time was moved to the send time, in words an agent reads. */
function whyMoved(
  due: number,
  zone: string,
  step: SequenceStep,
  settings: EngineSettings,
  window: { start: string; end: string },
): string {
  const local = DateTime.fromMillis(due, { zone });
  const date = local.toISODate() ?? '';
  if (settings.holidays.includes(date)) return `${date} is a team holiday`;
  if (!settings.sendWeekdays.includes(local.weekday))
    return `no automatic sends on ${local.toFormat('cccc')}`;
  const minute = local.hour * 60 + local.minute;
  const inside = (w: { start: string; end: string }) =>
    minute >= parseLocalTime(w.start) && minute < parseLocalTime(w.end);
  if (!inside(window))
    return `quiet hours: texts and emails go ${window.start}–${window.end} the lead's time`;
  if (step.window !== undefined && !inside(step.window))
    return `the step's send window is ${step.window.start}–${step.window.end}`;
  return 'inside the allowed hours in every zone the lead may be in';
}

/** The channels that can send now: call tasks and notifications need no provider; the rest
 * are connected when the shell's adapters reported them so (a saved key is not a connection). */
function connectedChannels(ctx: CoreContext): Set<Channel> {
  const connected = new Set<Channel>(['call', 'notification']);
  const board = ctx.connections?.view();
  for (const channel of ['sms', 'whatsapp', 'email'] as const)
    if (board?.[channel].state === 'connected') connected.add(channel);
  return connected;
}

export async function dryRunSequence(
  ctx: CoreContext,
  leadId: string,
  steps: readonly SequenceStep[],
): Promise<DryRunResult> {
  const { db } = ctx;
  const lead: Lead | undefined = (await db.leads.findOne(leadId).exec())?.toMutableJSON();
  if (lead === undefined || lead.deletedAt > 0)
    throw new PorchlightError('not_found', 'That lead was not found; choose another lead for the dry run.');
  const settings = await readEngineSettings(ctx);
  const rules = sendRulesOf(lead, settings, ctx.workspace.defaultCountry);
  const zone = rules.zones[0] ?? settings.teamTimeZone;
  const window = { start: hhmm(rules.window.startMinute), end: hhmm(rules.window.endMinute) };
  const now = ctx.clock.now();
  const suppressed = await suppressedChannels(ctx, lead);
  const facts = {
    lead,
    suppressed,
    whatsappWindowOpen: await isWhatsAppWindowOpen(ctx, lead.id, now),
    requireExplicitSmsConsent: settings.requireExplicitSmsConsent,
    connected: connectedChannels(ctx),
  };
  const templates = await db.templates.findByIds(steps.map((s) => s.templateId)).exec();
  const voice = await voiceFor(ctx, lead, settings);

  const out: DryRunStep[] = [];
  let anchor = now;
  for (const [index, step] of steps.entries()) {
    const due = addDelay(anchor, step.delay, zone, settings.holidays);
    let sendAt: number;
    try {
      sendAt = sendTimeFor(lead, step, anchor, settings, ctx.workspace.defaultCountry);
    } catch (error) {
      if (!(error instanceof QuietHoursError)) throw error;
      out.push({ ...stepBase(index, step, due, zone), timing: { ok: false, text: error.message } });
      break;
    }
    const moved = sendAt > due;
    const template = templates.get(step.templateId)?.toMutableJSON();
    const values = templateValuesFor(lead, voice, sendAt);
    let render: DryRunStep['render'];
    if (template === undefined) render = { ok: false, text: `Template "${step.templateId}" does not exist.` };
    else {
      try {
        render = { ok: true, text: renderTemplate(template.body, values) };
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        render = { ok: false, text: error.message };
      }
    }
    const plan = planChannel(step, facts);
    out.push({
      ...stepBase(index, step, sendAt, zone),
      dueLocal: DateTime.fromMillis(due, { zone }).toFormat(LOCAL_FORMAT),
      timing: moved
        ? { ok: true, moved: true, text: `moved: ${whyMoved(due, zone, step, settings, window)}` }
        : { ok: true, moved: false, text: 'on time: inside the allowed hours' },
      channel:
        plan.kind === 'skip'
          ? { ok: false, channel: null, text: plan.reason }
          : plan.kind === 'wait'
            ? { ok: false, channel: plan.channel, text: plan.reason }
            : {
                ok: true,
                channel: plan.channel,
                text: plan.fellBack
                  ? `goes by ${plan.channel} instead (${plan.skipped.join('; ')})`
                  : `goes by ${plan.channel}`,
              },
      render,
      ...(template === undefined ? {} : { templateName: template.name }),
    });
    anchor = sendAt;
  }
  return {
    leadId: lead.id,
    zone,
    zoneIsGuess: rules.zoneUnknown,
    startsAt: now,
    steps: out,
  };
}

function stepBase(index: number, step: SequenceStep, at: number, zone: string) {
  return {
    stepIndex: index,
    channelPlanned: step.channel,
    templateId: step.templateId,
    sendAt: at,
    sendLocal: DateTime.fromMillis(at, { zone }).toFormat(LOCAL_FORMAT),
  };
}
