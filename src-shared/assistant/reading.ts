// Reads qualification from what a lead wrote, by rules: the scoring's readers over the whole
// history (so nothing answered anywhere is asked again), and the answer to the question just
// asked read in its context ("yes" after "are you pre-approved?" is a pre-approval; "500k"
// after "what price range?" is a budget). Every value keeps the lead's phrase as evidence.
import { detectIntent } from '../scoring/intent';
import type { Budget } from '../scoring/insights';
import {
  parseAmount,
  readAreas,
  readBudget,
  readPreApproval,
  readPropertyType,
  readTimeline,
} from '../scoring/insights';
import type { FilledField, Qualification, QualificationField } from './qualification';

type Reading = Omit<FilledField, 'at' | 'source'>;

const clip = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 200);

export function budgetWords(budget: Budget): string {
  const usd = (n: number): string => `$${n.toLocaleString('en-US')}`;
  if (budget.min !== undefined && budget.max !== undefined) return `${usd(budget.min)} to ${usd(budget.max)}`;
  if (budget.max !== undefined) return `up to ${usd(budget.max)}`;
  return budget.min === undefined ? 'unknown' : `from ${usd(budget.min)}`;
}

/** "Not sure", "no idea": an answer that settles the question without a value. */
const unsure =
  /^\s*(not sure|unsure|no idea|i don'?t know|dunno|idk|don'?t know yet|no sé|no se|todavía no sé)\b/i;
const yes = /^\s*(yes|yeah|yep|yup|sure|correct|we are|i am|sí|si|claro)(?=[\s,.!]|$)/i;
const no = /^\s*(no|nope|not yet|nah|todavía no|aún no)(?=[\s,.!]|$)/i;
const anyAmount = /\$?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|m|million|thousand|mil)?\b/gi;
const monthsOrWeeks =
  /\b(\d+|a few|few|couple of|two|three|four|five|six)\s+(weeks?|months?|meses|semanas)\b/i;
const seasons = /\b(this|next|by|in the)\s+(spring|summer|fall|autumn|winter|year)\b/i;
const spanishIntent: [string, RegExp][] = [
  ['both', /\b(ambos|las dos cosas|comprar y vender|vender y comprar)\b/i],
  ['sell', /\b(vender|vendo|vendiendo)\b/i],
  ['buy', /\b(comprar|compro|comprando)\b/i],
  ['rent', /\b(alquilar|rentar)\b/i],
];
const bareIntent: [string, RegExp][] = [
  ['both', /\b(both|buy and sell|sell and buy)\b/i],
  ['sell', /\b(sell|selling|list)\b/i],
  ['buy', /\b(buy|buying|purchase)\b/i],
  ['rent', /\b(rent|renting|lease)\b/i],
];

function readIntentIn(text: string, inContext: boolean): Reading | null {
  for (const [value, pattern] of [...spanishIntent, ...(inContext ? bareIntent : [])]) {
    const match = pattern.exec(text);
    if (match !== null) return { value, evidence: match[0] };
  }
  const reading = detectIntent([text]);
  if (reading.intent === 'unknown') return null;
  return { value: reading.intent, evidence: reading.evidence[0] ?? clip(text) };
}

function readTimelineIn(text: string, inContext: boolean): Reading | null {
  const span = monthsOrWeeks.exec(text);
  // A number of months is read first: "in 6 months" is later on, whatever a looser rule says.
  const found = span === null || !inContext ? readTimeline([text]) : null;
  if (found !== null) return { value: found.value, evidence: found.evidence[0] ?? clip(text) };
  const plainSpan =
    span !== null && /\b(in|within)\s+(about\s+|around\s+)?$/i.test(text.slice(0, span.index));
  if (span !== null && (inContext || plainSpan)) {
    const n = Number(span[1]);
    const weeks = /week|semana/i.test(span[2] ?? '');
    const value = weeks || (Number.isFinite(n) && n <= 3) || !Number.isFinite(n) ? 'soon' : 'later';
    return { value: n >= 6 && !weeks ? 'later' : value, evidence: span[0] };
  }
  if (!inContext) return null;
  const season = seasons.exec(text);
  if (season !== null) return { value: /next year/i.test(season[0]) ? 'later' : 'soon', evidence: season[0] };
  return null;
}

function readPriceIn(text: string, inContext: boolean): Reading | null {
  const found = readBudget([text]);
  const phrase = found?.evidence[0];
  // "about 3 months" is not "$3m": an amount's unit must end its word.
  const end = phrase === undefined ? -1 : text.indexOf(phrase) + phrase.length;
  if (found !== null && phrase !== undefined && !/^[a-z]/i.test(text.slice(end, end + 1)))
    return { value: budgetWords(found.value), evidence: phrase };
  if (!inContext) return null;
  const amounts = [...text.matchAll(anyAmount)]
    .map((m) => ({ amount: parseAmount(m[1] ?? '', m[2] === 'mil' ? 'k' : m[2]), phrase: m[0].trim() }))
    .filter((a): a is { amount: number; phrase: string } => a.amount !== null && a.amount >= 20_000);
  const [first, second] = amounts;
  if (first === undefined) return null;
  if (second !== undefined && second.amount > first.amount)
    return {
      value: budgetWords({ min: first.amount, max: second.amount }),
      evidence: `${first.phrase}–${second.phrase}`,
    };
  return { value: budgetWords({ max: first.amount }), evidence: first.phrase };
}

function readFinancingIn(text: string, inContext: boolean): Reading | null {
  const found = readPreApproval([text]);
  if (found !== null) return { value: found.value, evidence: found.evidence[0] ?? clip(text) };
  if (/\b(cash|efectivo|contado)\b/i.test(text)) return { value: 'cash', evidence: 'cash' };
  const es = /preaprobaci[oó]n|preaprobad[oa]s?/i.exec(text);
  if (es !== null) return { value: /\b(no|sin)\b/i.test(text) ? 'not_yet' : 'pre_approved', evidence: es[0] };
  if (!inContext) return null;
  const yesMatch = yes.exec(text);
  if (yesMatch !== null) return { value: 'pre_approved', evidence: clip(text).slice(0, 80) };
  const noMatch = no.exec(text);
  if (noMatch !== null) return { value: 'not_yet', evidence: clip(text).slice(0, 80) };
  return null;
}

function readAreasIn(text: string, inContext: boolean, teamAreas: readonly string[]): Reading | null {
  const found = readAreas([text], {}, teamAreas);
  if (found !== null) return { value: found.value.join(', '), evidence: found.evidence[0] ?? clip(text) };
  if (!inContext) return null;
  const places = [...text.matchAll(/\b[A-Z][a-zà-ú]+(?:\s[A-Z][a-zà-ú]+){0,2}\b/g)]
    .map((m) => m[0])
    .filter(
      (p) => !/^(I|Im|Yes|No|Maybe|Probably|The|We|Our|My|Hi|Hello|Thanks|Somewhere|Anywhere)$/.test(p),
    );
  if (places.length > 0) return { value: places.slice(0, 5).join(', '), evidence: clip(text).slice(0, 80) };
  return null;
}

function readPropertyTypeIn(text: string): Reading | null {
  const found = readPropertyType([text]);
  if (found !== null) return { value: found.value, evidence: found.evidence[0] ?? clip(text) };
  const es = /\b(casa|condominio|departamento|apartamento|townhouse|terreno)\b/i.exec(text);
  if (es === null) return null;
  const word = (es[1] ?? '').toLowerCase();
  const value =
    word === 'casa'
      ? 'single-family'
      : word === 'terreno'
        ? 'land'
        : word === 'townhouse'
          ? 'townhouse'
          : word === 'condominio'
            ? 'condo'
            : 'apartment';
  return { value, evidence: es[0] };
}

/** A free answer (must-haves, motivation): the lead's words themselves, when there are some. */
function readFreeAnswer(text: string): Reading | null {
  const words = clip(text);
  if (words.length < 2) return null;
  return { value: words.slice(0, 120), evidence: words.slice(0, 120) };
}

/** One field read from one text; `inContext` when the text answers our question for it. */
export function readField(
  field: QualificationField,
  text: string,
  inContext: boolean,
  teamAreas: readonly string[] = [],
): Reading | null {
  if (inContext && unsure.test(text)) return { value: 'not sure', evidence: clip(text).slice(0, 80) };
  switch (field) {
    case 'intent':
      return readIntentIn(text, inContext);
    case 'timeline':
      return readTimelineIn(text, inContext);
    case 'price':
      return readPriceIn(text, inContext);
    case 'financing':
      return readFinancingIn(text, inContext);
    case 'areas':
      return readAreasIn(text, inContext, teamAreas);
    case 'propertyType':
      return readPropertyTypeIn(text);
    case 'mustHaves':
      return inContext ? readFreeAnswer(text) : null;
    case 'motivation':
      return inContext ? readFreeAnswer(text) : null;
  }
}

/**
 * What one inbound text fills: the asked field read in context, every other empty field read
 * as plain history. Fields already filled are kept as they are.
 */
export function readAnswer(
  qualification: Qualification,
  text: string,
  asked: QualificationField | null,
  at: number,
  teamAreas: readonly string[] = [],
): Qualification {
  const next: Qualification = { ...qualification };
  const fields: QualificationField[] = [
    ...(asked === null ? [] : [asked]),
    ...(['intent', 'timeline', 'price', 'financing', 'areas', 'propertyType'] as const).filter(
      (f) => f !== asked,
    ),
  ];
  for (const field of fields) {
    if (next[field] !== undefined) continue;
    const reading = readField(field, text, field === asked, teamAreas);
    if (reading !== null) next[field] = { ...reading, source: field === asked ? 'answer' : 'history', at };
  }
  return next;
}

/** The qualification that the lead's history (inquiry, replies, notes) already holds. */
export function readHistory(
  texts: readonly string[],
  at: number,
  teamAreas: readonly string[] = [],
): Qualification {
  let q: Qualification = {};
  for (const text of texts) q = readAnswer(q, text, null, at, teamAreas);
  return q;
}
