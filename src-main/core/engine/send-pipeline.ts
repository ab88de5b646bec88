// One message through the outbox: claim -> re-check everything -> sending (persisted BEFORE the
// provider is called) -> provider -> record. In solo mode the claim is taken by the write that
// records the outcome, from the revision the checks read (so a send is one write, and a message
// changed meanwhile is left for the next pass). Guarantees: nothing is handed to a provider without
// a claim and a persisted `sending`; a crash or timeout after that point leaves `uncertain`,
// never a silent second send; stop rules, suppressions, consent and quiet hours are checked
// after the claim, right before the send; a demo lead never reaches a port that reaches leads.
import type { RxDocument } from 'rxdb';
import type { Channel, Enrollment, Message, SequenceStep } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import { PROFILE_SETTINGS_SECTION } from '../../../src-shared/ipc/profile';
import type { CoreContext } from '../context';
import { PROFILE_NEEDS, TemplateError, isProfilePlaceholder } from '../../../src-shared/templates';
import { isAllowedAt, nextAllowedSendTime, sendPolicyFor } from '../../../src-shared/timing';
import { isWhatsAppWindowOpen } from '../messages/whatsapp-window';
import { suppressedChannels } from '../enrollments/enroll';
import { loadVersion } from '../enrollments/materialise';
import { transitionMessage } from '../messages/outbox-state';
import { recordHomesSent } from '../listings/homes-sent';
import { renderOutgoing } from '../messages/render-outgoing';
import type { ChannelSender, OutboundMessage, SendChannel } from '../ports/channels';
import type { SendingWrite } from '../ports/claim-authority';
import { isFirstTouchStep } from '../sequences/versions';
import { ensureTask } from '../tasks/task-store';
import { planChannel } from './channel-choice';
import { conditionHolds } from './conditions';
import type { EnginePorts } from './ports';
import { dayRulesOf, sendRulesOf } from './settings';
import { releaseWaiting } from './waiting';
import { handOver } from './hand-over';
import { teamEmailLinks } from '../email/team-links';
import {
  settleCancelled,
  settleFailed,
  settleRerouted,
  settleRescheduled,
  settleSkipped,
  settleStopped,
  settleUncertain,
  settleWaiting,
  settleWaitingForProfile,
} from './settle';
import type { DispatchDeps } from './dispatch-deps';
import { docById } from '../store/by-id';

const HOUR_MS = 3_600_000;

export function senderFor(ports: EnginePorts, channel: SendChannel): ChannelSender | undefined {
  return { sms: ports.sms, whatsapp: ports.whatsapp, email: ports.mailer, notification: ports.notifier }[
    channel
  ];
}

export async function dispatchOne(
  deps: DispatchDeps,
  scheduled: Message,
  /** The message's document as the dispatcher read it: solo claims it on the write (step 1). */
  seen?: RxDocument<Message>,
): Promise<void> {
  const { ctx, settings } = deps;
  const now = ctx.clock.now();
  // 1: claim. Team: the server's lease, before anything else. Solo: everything below is checked
  // on the message as read, and the claim is taken with the write that records the outcome, only
  // if nothing changed the message since (claimSeen): one write when it goes out.
  const claimSeen = deps.claims.claimSeen;
  /** Solo: claims the message as read, with the write that records the outcome. */
  const claimAsRead =
    seen === undefined || claimSeen === undefined
      ? undefined
      : (at: number, sending?: SendingWrite) => claimSeen(seen, at, sending);
  let message: Message;
  let token: string | undefined;
  if (claimAsRead === undefined) {
    const claim = await deps.claims.claim(scheduled.id, now);
    if (!claim.granted) {
      if (claim.retryAt !== undefined) deps.defer(scheduled.id, claim.retryAt);
      return;
    }
    const claimed = claim.message ?? (await docById(ctx.db.messages, scheduled.id))?.toMutableJSON();
    if (claimed === undefined || claimed.status !== 'claimed') return;
    message = claimed;
    token = claim.claim.token;
  } else {
    if (scheduled.status !== 'scheduled') return;
    message = scheduled;
  }
  /** Records an outcome other than a send (each is written from `claimed`, claimed here in solo). */
  const settle = async (write: (claimed: Message) => Promise<void>): Promise<void> => {
    if (claimAsRead === undefined) return write(message);
    const claim = await claimAsRead(now);
    if (claim.granted) await write(claim.message ?? message);
  };

  // 2: stop rules, re-checked after the claim.
  const lead = (await docById(ctx.db.leads, message.leadId))?.toMutableJSON();
  if (lead === undefined || lead.deletedAt > 0)
    return settle((claimed) => settleStopped(ctx, claimed, 'the lead was deleted'));
  if (lead.stage === 'closed' || lead.stage === 'lost')
    return settle((claimed) => settleStopped(ctx, claimed, `the lead is ${lead.stage}`));
  const suppressed = await suppressedChannels(ctx, lead);
  if (suppressed.has('all')) return settle((claimed) => settleStopped(ctx, claimed, 'the lead opted out'));
  let enrollment: Enrollment | undefined;
  let step: Pick<SequenceStep, 'channel' | 'fallback'> = {
    channel: message.plannedChannel ?? (message.channel === 'note' ? 'notification' : message.channel),
  };
  let stepTitle: string | undefined;
  let firstTouch = false;
  if (message.enrollmentId !== undefined) {
    enrollment = (await docById(ctx.db.enrollments, message.enrollmentId))?.toMutableJSON();
    if (enrollment?.status !== 'active')
      return settle((claimed) =>
        settleCancelled(ctx, claimed, `the enrollment is ${enrollment?.status ?? 'gone'}`, 'hold'),
      );
    const version = await loadVersion(ctx, enrollment);
    const versionStep = version?.steps[message.stepIndex ?? -1];
    if (version === null || versionStep === undefined)
      return settle((claimed) => settleStopped(ctx, claimed, 'the step no longer exists'));
    step = versionStep;
    firstTouch = isFirstTouchStep(version, message.stepIndex ?? 0);
    // 3: the step's condition, evaluated now (what happened during the delay counts).
    const condition = await conditionHolds(ctx, versionStep.condition, lead, enrollment, message);
    if (!condition.holds)
      return settle((claimed) =>
        settleCancelled(ctx, claimed, `condition not met: ${condition.why}`, 'advance'),
      );
  }

  // 4: catch-up. A speed-to-lead message that is a day late means nothing any more: skipped.
  const lateness = now - (message.sendAt ?? now);
  if (firstTouch && lateness > settings.staleFirstTouchHours * HOUR_MS) {
    return settle((claimed) =>
      settleSkipped(
        ctx,
        claimed,
        `Skipped: ${Math.round(lateness / HOUR_MS)} h late for a first touch, it would no longer mean anything.`,
      ),
    );
  }

  // 5: the step's own channel, or its explicit fallback; wait when it is not connected.
  const connected = new Set<Channel>(['call']);
  for (const c of ['sms', 'whatsapp', 'email', 'notification'] as const)
    if (senderFor(deps.ports, c) !== undefined) connected.add(c);
  const plan = planChannel(step, {
    lead,
    suppressed,
    // Only asked when WhatsApp could be chosen: it costs a query.
    whatsappWindowOpen:
      (step.channel === 'whatsapp' || (step.fallback ?? []).includes('whatsapp')) &&
      (await isWhatsAppWindowOpen(ctx, lead.id, now)),
    requireExplicitSmsConsent: settings.requireExplicitSmsConsent,
    connected,
  });
  if (plan.kind === 'skip') return settle((claimed) => settleSkipped(ctx, claimed, plan.reason));
  if (plan.kind === 'wait') {
    await settle((claimed) => settleWaiting(ctx, claimed, plan.channel, step.channel, plan.reason));
    // The channel may have connected while this was decided: its release ran before this
    // message waited and found nothing, so the message is released here instead of waiting on.
    if (plan.channel !== 'call' && senderFor(deps.ports, plan.channel) !== undefined)
      await releaseWaiting(ctx, plan.channel);
    return;
  }
  const choice = plan;
  const channel = choice.channel;
  if (channel === 'call') stepTitle = await callPurpose(ctx, message);

  // 6: quiet hours in the lead's zone, re-checked at the moment of sending.
  if (channel !== 'notification') {
    const rules = sendRulesOf(lead, settings, ctx.workspace.defaultCountry);
    const policy = sendPolicyFor(rules, dayRulesOf(settings));
    if (!rules.zones.every((zone) => isAllowedAt(now, zone, policy))) {
      return settle((claimed) =>
        settleRescheduled(
          ctx,
          claimed,
          nextAllowedSendTime(now, rules.zones, policy),
          'quiet hours in the lead’s zone',
        ),
      );
    }
  }

  // 7: per-channel rate limit on the channel actually used.
  const slot = deps.limiter.take(channel, now);
  if (slot !== true)
    return settle((claimed) => settleRescheduled(ctx, claimed, slot, `${channel} rate limit`));

  // 8: render; a template that would send an empty or broken value is refused, never sent; one
  // that needs an empty field of the agent's profile waits until it is filled.
  let body: string;
  let subject: string | undefined;
  let html: string | undefined;
  let unsubscribeUrl: string | undefined;
  let listingIds: string[] | undefined;
  const links = channel === 'email' ? await teamEmailLinks(ctx, message.id) : undefined;
  try {
    ({ body, subject, html, unsubscribeUrl, listingIds } = await renderOutgoing(
      ctx,
      message,
      lead,
      channel,
      settings,
      now,
      links,
    ));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    deps.limiter.refund(channel);
    if (error.code === 'missing_profile' || error.code === 'missing_footer_info')
      return settle((claimed) => settleWaitingForProfile(ctx, claimed, channel, profileWaitReason(error)));
    // No home fits the lead now: the step is skipped with the reason, never sent with an empty list.
    if (error.code === 'no_property_matches')
      return settle((claimed) => settleSkipped(ctx, claimed, error.message));
    return settle((claimed) =>
      settleFailed(ctx, claimed, { code: `template_${error.code}`, message: error.message }, 'claimed', {
        task: true,
      }),
    );
  }

  // 9: a demo lead never reaches a real provider.
  const sender = channel === 'call' ? undefined : senderFor(deps.ports, channel);
  if (lead.demo && sender?.reachesLeads === true) {
    return settle((claimed) =>
      settleFailed(
        ctx,
        claimed,
        {
          code: 'demo_lead',
          message: 'Demo lead: not sent through a real provider (demo data uses fictional numbers).',
        },
        'claimed',
        { task: false },
      ),
    );
  }
  const to = channel === 'email' ? lead.email : channel === 'notification' ? lead.ownerId : lead.phone;

  // A call step is a task for the agent: nothing is handed to a provider, nothing reached the lead.
  if (channel === 'call') {
    return settle(async (claimed) => {
      await ensureTask(ctx, {
        id: `call-${message.id.slice(4)}`,
        leadId: lead.id,
        ownerId: lead.ownerId,
        kind: 'call',
        title: `Call ${leadDisplayName(lead)}: ${stepTitle ?? 'follow-up call'}`.slice(0, 200),
        notes: body.slice(0, 5000),
        dueAt: now,
        messageId: message.id,
        demo: lead.demo,
      });
      await settleRerouted(ctx, claimed, body, `Became a call task for the agent: ${stepTitle ?? 'call'}.`);
    });
  }

  // 10: persist `sending` before the request can leave.
  const patch = {
    channel,
    body,
    ...(subject === undefined ? {} : { subject }),
    ...(to === undefined ? {} : { to }),
    ...(choice.fellBack ? { plannedChannel: step.channel } : {}),
  };
  const detail = choice.fellBack ? { detail: `fell back: ${choice.skipped.join('; ')}` } : {};
  let sending: Message | null;
  if (claimAsRead === undefined) {
    sending = await transitionMessage(ctx.db, message.id, 'sending', ctx.clock.now(), {
      from: ['claimed'],
      patch: { ...patch, ...(token === undefined ? {} : { claimToken: token }) },
      ...detail,
    });
  } else {
    // Solo: claimed and sending in one write, only if the message is as it was read.
    const claim = await claimAsRead(ctx.clock.now(), { patch, ...detail });
    sending = claim.granted ? (claim.message ?? null) : null;
  }
  if (sending === null) return;
  // The homes of a {{property_matches}} block are the lead's from the moment they may have left.
  if (listingIds !== undefined) await recordHomesSent(ctx, lead.id, listingIds, channel);

  // 11: hand it over.
  if (sender === undefined) return settleUncertain(ctx, sending, `${channel} is not connected`);
  const outbound: OutboundMessage = { messageId: message.id, leadId: lead.id, channel, to: to ?? '', body };
  if (subject !== undefined) outbound.subject = subject;
  if (html !== undefined) outbound.html = html;
  if (unsubscribeUrl !== undefined) outbound.unsubscribeUrl = unsubscribeUrl;
  if (links !== undefined) outbound.links = links;
  // A photo goes with the text or WhatsApp it was written for, not with a fallback email.
  if (message.mediaUrls !== undefined && (channel === 'sms' || channel === 'whatsapp'))
    outbound.mediaUrls = message.mediaUrls;
  // The provider call runs on its own: a slow provider never holds up the other sends.
  deps.inFlight.track(handOver(deps, sending, sender, outbound));
}

/** The visible reason of a message held for the profile: what is missing and where to fill it. */
function profileWaitReason(error: TemplateError): string {
  const needs =
    error.code === 'missing_footer_info'
      ? ['your office address']
      : error.placeholders.filter(isProfilePlaceholder).map((name) => PROFILE_NEEDS[name]);
  return `Waiting for your profile: add ${needs.join(', ')} in ${PROFILE_SETTINGS_SECTION} and it goes out.`;
}

/** What a call step is for, from its template's name ("Call: welcome call" -> "welcome call"). */
async function callPurpose(ctx: CoreContext, message: Message): Promise<string> {
  if (message.templateId === undefined) return 'follow-up call';
  const template = await ctx.db.templates.findOne(message.templateId).exec();
  const name = template?.name.replace(/^call\s*:\s*/i, '').trim() ?? '';
  return name === '' ? 'follow-up call' : name;
}
