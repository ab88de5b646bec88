// The guardrail around the model's reading of a reply (its 'analyse' answer, already checked
// against the schema by the adapter). A field is taken only when one of the model's evidence
// phrases is really in the lead's message, and never when its value names a protected
// characteristic or makes a promise: the model can fill a field the rules missed, it cannot
// put words in the lead's mouth or in the assistant's record. Each refusal is counted, so the
// bench can show what was caught.
import type { AiReading } from '../scoring/ai-reading';
import { outgoingViolations, protectedClassPhrase } from './guardrails';
import type { FilledField, Qualification } from './qualification';
import { budgetWords } from './reading';

export interface AiFieldsResult {
  fields: Qualification;
  /** Why a reading or one of its values was not taken (empty: all of it was). */
  dropped: ('no_evidence' | 'protected_class' | 'promise')[];
}

export function aiFieldsFromReading(reading: AiReading, text: string, at: number): AiFieldsResult {
  const lower = text.toLowerCase();
  const evidence = reading.evidence.find(
    (phrase) => phrase.trim() !== '' && lower.includes(phrase.toLowerCase()),
  );
  const readSomething =
    (reading.intent !== undefined && reading.intent !== 'unknown') ||
    reading.timeline !== undefined ||
    reading.budget !== undefined ||
    reading.propertyType !== undefined;
  if (evidence === undefined) return { fields: {}, dropped: readSomething ? ['no_evidence'] : [] };
  const dropped: AiFieldsResult['dropped'] = [];
  const filled = (value: string): FilledField | undefined => {
    if (protectedClassPhrase(value) !== null) {
      dropped.push('protected_class');
      return undefined;
    }
    if (outgoingViolations(value).some((v) => v.rule === 'promise')) {
      dropped.push('promise');
      return undefined;
    }
    return { value, evidence: evidence.slice(0, 200), source: 'ai', at };
  };
  const fields: Qualification = {};
  const put = (field: keyof Qualification, value: string | undefined): void => {
    const taken = value === undefined ? undefined : filled(value);
    if (taken !== undefined) fields[field] = taken;
  };
  if (reading.intent !== undefined && reading.intent !== 'unknown') put('intent', reading.intent);
  put('timeline', reading.timeline);
  if (reading.budget !== undefined && (reading.budget.min !== undefined || reading.budget.max !== undefined))
    put('price', budgetWords(reading.budget));
  put('propertyType', reading.propertyType?.slice(0, 40));
  return { fields, dropped };
}
