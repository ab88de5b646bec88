// The model's part in the assistant: it reads a reply (the AI port's existing 'analyse', so the
// closed list of what the model may be asked stays as it is, and its spend is counted against
// the day's cap) and may fill fields the rules left empty. It never writes what the lead reads.
// A field is taken only when one of the model's evidence phrases is really in the reply: a
// value the lead did not say is dropped. No AI, AI off, over the cap or failing: nothing.
import type { Qualification } from '../../../src-shared/assistant';
import { budgetWords } from '../../../src-shared/assistant';
import type { CoreContext } from '../context';
import { askAi } from '../ai/service';

export async function aiFieldsOf(ctx: CoreContext, leadId: string, text: string): Promise<Qualification> {
  if (ctx.ai.port === undefined) return {};
  let reading;
  try {
    reading = (await askAi(ctx, (ai) => ai.analyse({ leadId, texts: [text] }))).value;
  } catch {
    return {};
  }
  const lower = text.toLowerCase();
  const evidence = reading.evidence.find(
    (phrase) => phrase.trim() !== '' && lower.includes(phrase.toLowerCase()),
  );
  if (evidence === undefined) return {};
  const at = ctx.clock.now();
  const filled = (value: string) => ({ value, evidence: evidence.slice(0, 200), source: 'ai' as const, at });
  const fields: Qualification = {};
  if (reading.intent !== undefined && reading.intent !== 'unknown') fields.intent = filled(reading.intent);
  if (reading.timeline !== undefined) fields.timeline = filled(reading.timeline);
  if (reading.budget !== undefined && (reading.budget.min !== undefined || reading.budget.max !== undefined))
    fields.price = filled(budgetWords(reading.budget));
  if (reading.propertyType !== undefined) fields.propertyType = filled(reading.propertyType.slice(0, 40));
  return fields;
}
