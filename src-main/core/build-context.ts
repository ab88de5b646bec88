// Builds a CoreContext once, for boot and for test cores alike: the parts the caller brings
// (store, time, events, workspace, what the shell connected) plus the services that live as
// long as the core (engine settings cache, AI, the reply poller's log, content readings, the
// MLS imports).
import { createAiContentAnalyzer } from './ai/content-analyzer';
import { AiService } from './ai/service';
import type { CoreContext } from './context';
import { EmailRepliesLog } from './email/replies-status';
import { EngineSettingsSource } from './engine/settings';
import { ResoImports } from './listings/reso-imports';
import type { AiPort } from './ports/ai';
import type { ContentAnalyzer } from './ports/content-analyzer';
import { ContentReadings } from './scoring/content-readings';

type Given = Omit<CoreContext, 'engineSettings' | 'ai' | 'emailReplies' | 'contentReadings' | 'resoImports'>;

export interface ContextParts extends Given {
  /** The AI the shell connected; without it rules do every AI job. */
  ai?: AiPort;
  /** Who reads a lead's messages for scoring: 'ai' is the connected AI (when there is one). */
  contentAnalyzer?: ContentAnalyzer | 'ai';
}

export function buildCoreContext(parts: ContextParts): CoreContext {
  const { ai: port, contentAnalyzer, ...given } = parts;
  const engineSettings = new EngineSettingsSource(given.db);
  const ai = new AiService({ ...given, engineSettings }, port);
  const analyzer =
    contentAnalyzer === 'ai'
      ? port === undefined
        ? undefined
        : createAiContentAnalyzer(ai)
      : contentAnalyzer;
  return {
    ...given,
    engineSettings,
    ai,
    emailReplies: new EmailRepliesLog(),
    resoImports: new ResoImports(),
    ...(analyzer === undefined ? {} : { contentReadings: new ContentReadings(analyzer) }),
  };
}
