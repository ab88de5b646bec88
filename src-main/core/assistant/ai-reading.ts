// The model's part in the assistant: it reads a reply (the AI port's existing 'analyse', so the
// closed list of what the model may be asked stays as it is, and its spend is counted against
// the day's cap) and may fill fields the rules left empty. It never writes what the lead reads.
// What it read passes the shared guardrail (src-shared/assistant/ai-fields.ts): a field needs
// evidence the lead really wrote, and a value naming a protected characteristic or making a
// promise is dropped. No AI, AI off, over the cap or failing: nothing.
import type { Qualification } from '../../../src-shared/assistant';
import { aiFieldsFromReading } from '../../../src-shared/assistant';
import type { CoreContext } from '../context';
import { askAi } from '../ai/service';

export async function aiFieldsOf(ctx: CoreContext, leadId: string, text: string): Promise<Qualification> {
  if (ctx.ai.port === undefined) return {};
  try {
    const reading = (await askAi(ctx, (ai) => ai.analyse({ leadId, texts: [text] }))).value;
    return aiFieldsFromReading(reading, text, ctx.clock.now()).fields;
  } catch {
    return {};
  }
}
