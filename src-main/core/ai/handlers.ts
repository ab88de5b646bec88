// The AI feature's handlers: drafts, reply classification on demand, settings, the provider
// test and the status. Every answer says whether the AI or the rules gave it.
import type { AiSettings } from '../../../src-shared/ai';
import type { AiDraft, AiReplyClassified, AiStatus, AiTestResult } from '../../../src-shared/ipc/ai';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { CoreContext } from '../context';
import { draftFollowUp, suggestReply } from './drafts';
import { classifyAndApply } from './reply-job';
import { loadAiSettings, saveAiSettings } from './settings';
import { aiStatus } from './status';

export function aiHandlers(ctx: CoreContext) {
  return {
    'ai-draft-followup': (args: ValidArgs<'ai-draft-followup'>): Promise<AiDraft> =>
      draftFollowUp(ctx, args.leadId, args.channel),
    'ai-suggest-reply': (args: ValidArgs<'ai-suggest-reply'>) => suggestReply(ctx, args.messageId),
    'ai-classify-reply': (args: ValidArgs<'ai-classify-reply'>): Promise<AiReplyClassified> =>
      classifyAndApply(ctx, args.messageId),
    'ai-settings-get': (): Promise<AiSettings> => loadAiSettings(ctx.db),
    'ai-settings-update': async (args: ValidArgs<'ai-settings-update'>): Promise<AiSettings> => {
      const next = await saveAiSettings(ctx, args.patch);
      ctx.events.emit('ai-status-changed', await aiStatus(ctx));
      return next;
    },
    'ai-test': async (): Promise<AiTestResult> => {
      const { port, state } = ctx.ai;
      if (port === undefined)
        return {
          ok: false,
          elapsedMs: 0,
          error: { code: 'not_configured', message: 'No AI is connected in this app.' },
        };
      const report = await port.test();
      // The test is the one call that reaches the provider on purpose: it sets reachability.
      if (report.ok) state.reachable = true;
      else if (report.error?.code === 'timeout' || report.error?.code === 'unreachable')
        state.reachable = false;
      else if (report.error?.code !== 'not_configured') state.reachable = true;
      ctx.events.emit('ai-status-changed', await aiStatus(ctx));
      return report;
    },
    'ai-status': (): Promise<AiStatus> => aiStatus(ctx),
  };
}

export type AiHandlers = ReturnType<typeof aiHandlers>;
