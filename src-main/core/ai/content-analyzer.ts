// The scoring's optional ContentAnalyzer, on the AI: rejects (so scoring goes on without an AI
// factor) when there is no AI, it is off, not used for scoring, over the cap, or answers badly.
import type { ContentAnalyzer } from '../ports/content-analyzer';
import { AiError } from '../ports/ai';
import type { AiService } from './service';
import { settingsPlace } from '../../../src-shared/settings-sections';

export function createAiContentAnalyzer(ai: AiService): ContentAnalyzer {
  return {
    async analyse(request) {
      const answer = await ai.ask((port, settings) => {
        if (!settings.useForScoring)
          return Promise.reject(
            new AiError('not_configured', `AI is not used for scoring (${settingsPlace('ai')}).`),
          );
        return port.analyse(request);
      });
      return answer.value;
    },
  };
}
