// The analytics feature: channel performance, response times, the weekday x hour reply heatmap
// and step effectiveness, computed from the store alone (the screens come later).
import type { Message } from '../../../src-shared/domain';
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

  return {
    'analytics-channel-performance': async (args: ValidArgs<'analytics-channel-performance'>) =>
      channelPerformance(await messagesIn(args.from, args.to)),
    'analytics-response-times': async (args: ValidArgs<'analytics-response-times'>) =>
      responseTimes(await messagesIn(args.from, args.to)),
    'analytics-reply-heatmap': async (args: ValidArgs<'analytics-reply-heatmap'>) => {
      const messages = (await messagesIn(args.from, args.to)).filter((m) => m.createdAt <= args.to);
      const settings = await readEngineSettings(db);
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
