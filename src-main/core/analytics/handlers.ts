// The analytics feature: channel performance, response times, the weekday x hour reply heatmap
// step effectiveness, speed to lead, the stage funnel and returns by source, from the store alone.
import type { Lead, Message } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';
import {
  REPLY_WINDOW_MS,
  channelPerformance,
  replyHeatmap,
  responseTimes,
  stepEffectiveness,
} from './compute';
import { sourceReturns, speedToLead, stageFunnel } from './lead-figures';

export function analyticsHandlers(ctx: CoreContext) {
  const { db } = ctx;

  /** Messages created in the range, plus replies up to the reply window after it. */
  async function messagesIn(from: number, to: number): Promise<Message[]> {
    const docs = await db.messages
      .find({
        selector: {
          direction: { $in: ['inbound', 'outbound'] },
          createdAt: { $gte: from, $lte: to + REPLY_WINDOW_MS },
        },
        sort: [{ direction: 'asc' }, { createdAt: 'asc' }],
      })
      .exec();
    return docs.map((d) => d.toMutableJSON()).filter((m) => m.createdAt <= to || m.direction === 'inbound');
  }

  /** Leads that arrived in the range, and every message of theirs up to the reply window after it. */
  async function leadsIn(from: number, to: number): Promise<{ leads: Lead[]; messages: Message[] }> {
    const leads = (
      await db.leads
        .find({
          selector: { deletedAt: 0, createdAt: { $gte: from, $lte: to } },
          index: ['deletedAt', 'createdAt'],
        })
        .exec()
    ).map((d) => d.toMutableJSON());
    const ids = new Set(leads.map((l) => l.id));
    const messages = (await messagesIn(from, to)).filter((m) => ids.has(m.leadId));
    return { leads, messages };
  }

  return {
    'analytics-speed-to-lead': async (args: ValidArgs<'analytics-speed-to-lead'>) => {
      const { leads, messages } = await leadsIn(args.from, args.to);
      return speedToLead(leads, messages);
    },
    'analytics-funnel': async (args: ValidArgs<'analytics-funnel'>) =>
      stageFunnel((await leadsIn(args.from, args.to)).leads),
    'analytics-sources': async (args: ValidArgs<'analytics-sources'>) => {
      const { leads, messages } = await leadsIn(args.from, args.to);
      return sourceReturns(leads, messages);
    },
    'analytics-channel-performance': async (args: ValidArgs<'analytics-channel-performance'>) =>
      channelPerformance(await messagesIn(args.from, args.to)),
    'analytics-response-times': async (args: ValidArgs<'analytics-response-times'>) =>
      responseTimes(await messagesIn(args.from, args.to)),
    'analytics-reply-heatmap': async (args: ValidArgs<'analytics-reply-heatmap'>) => {
      const messages = (await messagesIn(args.from, args.to)).filter((m) => m.createdAt <= args.to);
      const settings = await readEngineSettings(ctx);
      const leads = await db.leads.findByIds([...new Set(messages.map((m) => m.leadId))]).exec();
      return replyHeatmap(messages, (id) => leads.get(id)?.timeZone || settings.teamTimeZone);
    },
    'analytics-step-effectiveness': async (args: ValidArgs<'analytics-step-effectiveness'>) => {
      const messages = await messagesIn(args.from, args.to);
      return stepEffectiveness(
        args.sequenceId === undefined
          ? messages
          : messages.filter((m) => m.direction === 'inbound' || m.sequenceId === args.sequenceId),
      );
    },
  };
}

export type AnalyticsHandlers = ReturnType<typeof analyticsHandlers>;
