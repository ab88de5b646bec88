// The two ReplyClassifiers: rules (deterministic, src-shared/ai/rules-reading) and AI (the
// model fills the reading's schema, validated by the adapter; anything it cannot answer, or
// answers invalidly, is read by the rules and the result says so).
import { readReplyByRules } from '../../../src-shared/ai';
import type { CoreContext } from '../context';
import type { ReplyClassifier } from '../ports/ai';
import { withAi } from './service';

export const rulesReplyClassifier: ReplyClassifier = {
  classify: (reply) => Promise.resolve({ reading: readReplyByRules(reply.text), source: 'rules' }),
};

export function aiReplyClassifier(ctx: CoreContext): ReplyClassifier {
  return {
    async classify(reply) {
      const answered = await withAi(
        ctx,
        (ai) => ai.classify(reply),
        () => readReplyByRules(reply.text),
      );
      return {
        reading: answered.value,
        source: answered.source,
        ...(answered.model === undefined ? {} : { model: answered.model }),
        ...(answered.fallbackReason === undefined ? {} : { fallbackReason: answered.fallbackReason }),
      };
    },
  };
}
