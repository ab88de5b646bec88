// The composer: a one-off message from the agent enters the outbox as `scheduled`, so the
// dispatcher claims, re-checks (stop rules, suppressions, consent, quiet hours) and sends it
// exactly as it sends a sequence step. The quiet-hours verdict is read with the dispatcher's
// own rules, so what the composer promises is what the dispatcher does.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Lead, Message } from '../../../src-shared/domain';
import type { ComposeChannel, ComposeCheck } from '../../../src-shared/ipc/compose';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import { isAllowedAt, nextAllowedSendTime, sendPolicyFor } from '../../../src-shared/timing';
import type { CoreContext } from '../context';
import { dayRulesOf, readEngineSettings, sendRulesOf } from '../engine/settings';

function addressFor(lead: Lead, channel: ComposeChannel): { to?: string; unreachable?: string } {
  if (channel === 'email')
    return lead.email === undefined ? { unreachable: 'This lead has no email address.' } : { to: lead.email };
  if (lead.phone === undefined) return { unreachable: 'This lead has no phone number.' };
  if (lead.phoneProblem !== undefined) return { to: lead.phone, unreachable: lead.phoneProblem };
  return { to: lead.phone };
}

export function composeHandlers(ctx: CoreContext) {
  const { db, clock } = ctx;

  async function liveLead(id: string): Promise<Lead> {
    const doc = await db.leads.findOne(id).exec();
    if (doc === null || doc.deletedAt > 0)
      throw new PorchlightError('not_found', 'This lead no longer exists (deleted or merged).');
    return doc.toMutableJSON();
  }

  async function check(lead: Lead, channel: ComposeChannel): Promise<ComposeCheck> {
    const settings = await readEngineSettings(ctx);
    const rules = sendRulesOf(lead, settings, ctx.workspace.defaultCountry);
    const policy = sendPolicyFor(rules, dayRulesOf(settings));
    const now = clock.now();
    const zone = rules.zones[0] ?? lead.timeZone;
    const allowedNow = rules.zones.every((z) => isAllowedAt(now, z, policy));
    const nextAllowedAt = allowedNow ? now : nextAllowedSendTime(now, rules.zones, policy);
    return {
      zone,
      localTime: DateTime.fromMillis(now, { zone }).toFormat('HH:mm'),
      allowedNow,
      nextAllowedAt,
      nextAllowedLocal: DateTime.fromMillis(nextAllowedAt, { zone }).toFormat('ccc HH:mm'),
      ...addressFor(lead, channel),
    };
  }

  return {
    'compose-check': async (args: ValidArgs<'compose-check'>): Promise<ComposeCheck> =>
      check(await liveLead(args.leadId), args.channel),

    'compose-send': async (args: ValidArgs<'compose-send'>): Promise<Message> => {
      const lead = await liveLead(args.leadId);
      const verdict = await check(lead, args.channel);
      if (verdict.to === undefined)
        throw new PorchlightError('validation', verdict.unreachable ?? 'This lead cannot be reached on it.');
      if (args.when === 'now' && !verdict.allowedNow)
        throw new PorchlightError(
          'conflict',
          `It is ${verdict.localTime} for this lead (${verdict.zone}), inside quiet hours. Schedule it for ${verdict.nextAllowedLocal} their time instead.`,
        );
      const now = clock.now();
      const message: Message = {
        id: `cmp-${randomUUID()}`,
        teamId: lead.teamId,
        ownerId: lead.ownerId,
        updatedAt: now,
        leadId: lead.id,
        direction: 'outbound',
        channel: args.channel,
        status: 'scheduled',
        createdAt: now,
        sendAt: verdict.nextAllowedAt,
        body: args.body,
        to: verdict.to,
        attempt: 0,
        authoredBy: args.authoredBy,
        statusHistory: [
          {
            status: 'scheduled',
            at: now,
            detail: verdict.allowedNow
              ? 'written by the agent'
              : `waits for ${verdict.nextAllowedLocal} in ${verdict.zone}`,
          },
        ],
        demo: lead.demo,
        ...(args.subject === undefined ? {} : { subject: args.subject }),
        ...(args.templateId === undefined ? {} : { templateId: args.templateId }),
        ...(args.mediaUrls === undefined || args.channel === 'email' ? {} : { mediaUrls: args.mediaUrls }),
      };
      await db.messages.insert(message);
      return message;
    },
  };
}

export type ComposeHandlers = ReturnType<typeof composeHandlers>;
