// What a lead wants in a home, each part with where it came from: the agent's own setting on
// the lead page wins; else the lead's form or record (price range, ZIP), the inquiry and
// replies, the notes, and the AI reading, in that order. Pure: the lead, its texts and the
// team's known cities in, preferences out. Nothing is guessed: a part nobody stated is absent.
import type { HomePreferences, Lead } from '../domain';
import type { AiReading } from '../scoring/ai-reading';
import { readAreas, readBudget, readPropertyType } from '../scoring/insights';
import type { HomeKind } from './home-kind';
import { isHomeKind } from './home-kind';

export type PreferenceSource = 'agent' | 'form' | 'inquiry' | 'notes' | 'ai';

export const preferenceSourceLabels: Record<PreferenceSource, string> = {
  agent: 'set by you',
  form: 'from their form',
  inquiry: 'from their messages',
  notes: 'from the notes',
  ai: 'from the AI reading',
};

export interface Preference<T> {
  value: T;
  source: PreferenceSource;
  /** The words or field it was read from. */
  evidence: string;
}

export interface Areas {
  cities: string[];
  zips: string[];
}
export interface PriceBand {
  min?: number | undefined;
  max?: number | undefined;
}

export interface LeadHomePreferences {
  areas: Preference<Areas> | null;
  price: Preference<PriceBand> | null;
  bedsMin: Preference<number> | null;
  bathsMin: Preference<number> | null;
  types: Preference<HomeKind[]> | null;
}

export interface PreferenceInputs {
  lead: Pick<Lead, 'homePreferences' | 'priceMin' | 'priceMax' | 'address' | 'notes' | 'intent'>;
  /** What the lead wrote, oldest first (the inquiry first). */
  inquiry: readonly string[];
  ai?: AiReading | null | undefined;
  /** Cities the team has listings in: a mention of one is an area even without "in". */
  knownCities?: readonly string[];
}

const BEDS = /\b(\d{1,2})\s*\+?\s*(?:-\s*)?(?:bed(?:room)?s?|br|bd)\b/i;
const BATHS = /\b(\d{1,2})(?:\.5)?\s*\+?\s*(?:-\s*)?(?:bath(?:room)?s?|ba)\b/i;
const ZIP = /(?<![$\d,.])\b(\d{5})\b(?![,.]?\d|\s?k\b)/g;

function firstCount(texts: readonly string[], pattern: RegExp): { value: number; evidence: string } | null {
  for (const text of texts) {
    const match = pattern.exec(text);
    const value = Number(match?.[1]);
    if (match !== null && Number.isInteger(value) && value > 0 && value <= 20)
      return { value, evidence: match[0] };
  }
  return null;
}

function zipsIn(texts: readonly string[]): { value: string[]; evidence: string } | null {
  const zips = new Set<string>();
  for (const text of texts)
    for (const match of text.matchAll(ZIP)) if (match[1] !== undefined) zips.add(match[1]);
  return zips.size === 0 ? null : { value: [...zips].slice(0, 10), evidence: [...zips].join(', ') };
}

const WORD = /[a-z0-9]/;

/** The team's cities a text names as whole words ("edina" in "near Edina," but not "Edinaview"). */
function knownCitiesIn(texts: readonly string[], knownCities: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const lower = text.toLowerCase();
    for (const city of knownCities) {
      const key = city.toLowerCase();
      const at = lower.indexOf(key);
      if (at === -1 || found.includes(city)) continue;
      const before = lower[at - 1] ?? ' ';
      const after = lower[at + key.length] ?? ' ';
      if (!WORD.test(before) && !WORD.test(after)) found.push(city);
    }
  }
  return found;
}

function fromTexts(inquiry: readonly string[], notes: readonly string[], knownCities: readonly string[]) {
  const sources: [PreferenceSource, readonly string[]][] = [
    ['inquiry', inquiry],
    ['notes', notes],
  ];
  const first = <T>(read: (texts: readonly string[]) => { value: T; evidence: string } | null) => {
    for (const [source, texts] of sources) {
      const found = texts.length === 0 ? null : read(texts);
      if (found !== null) return { ...found, source };
    }
    return null;
  };
  return {
    beds: first((texts) => firstCount(texts, BEDS)),
    baths: first((texts) => firstCount(texts, BATHS)),
    budget: first((texts) => {
      const budget = readBudget(texts);
      return budget === null ? null : { value: budget.value, evidence: budget.evidence.join('; ') };
    }),
    type: first((texts) => {
      const type = readPropertyType(texts);
      return type === null || !isHomeKind(type.value)
        ? null
        : { value: [type.value], evidence: type.evidence[0] ?? '' };
    }),
    areas: first((texts) => {
      const known = knownCitiesIn(texts, knownCities);
      const said = readAreas(texts, {}, []);
      const cities = [...known];
      for (const place of said?.value ?? [])
        if (!cities.some((city) => city.toLowerCase() === place.toLowerCase())) cities.push(place);
      const zips = zipsIn(texts);
      if (cities.length === 0 && zips === null) return null;
      const evidence = [...known, ...(said?.evidence ?? [])];
      return {
        value: { cities: cities.slice(0, 10), zips: zips?.value ?? [] },
        evidence: [...new Set(evidence), ...(zips === null ? [] : [zips.evidence])].join('; '),
      };
    }),
  };
}

function agentPart<T>(value: T | undefined, evidence: string): Preference<T> | null {
  return value === undefined ? null : { value, source: 'agent', evidence };
}

export function readHomePreferences(inputs: PreferenceInputs): LeadHomePreferences {
  const { lead } = inputs;
  const set: HomePreferences = lead.homePreferences ?? {};
  const notes = lead.notes === undefined || lead.notes.trim() === '' ? [] : [lead.notes];
  const read = fromTexts(inputs.inquiry, notes, inputs.knownCities ?? []);
  const ai = inputs.ai ?? null;

  const agentAreas =
    set.cities !== undefined || set.zips !== undefined
      ? agentPart({ cities: set.cities ?? [], zips: set.zips ?? [] }, 'the lead page')
      : null;
  const formZip = lead.address?.zip === undefined ? null : /^\d{5}/.exec(lead.address.zip)?.[0];
  const areas =
    agentAreas ??
    read.areas ??
    (formZip === null || formZip === undefined
      ? null
      : { value: { cities: [], zips: [formZip] }, source: 'form' as const, evidence: `ZIP ${formZip}` });

  const agentPrice =
    set.priceMin !== undefined || set.priceMax !== undefined
      ? agentPart({ min: set.priceMin, max: set.priceMax }, 'the lead page')
      : null;
  const formPrice =
    lead.priceMin !== undefined || lead.priceMax !== undefined
      ? {
          value: { min: lead.priceMin, max: lead.priceMax },
          source: 'form' as const,
          evidence: 'price range on the lead',
        }
      : null;
  const aiPrice =
    ai?.budget !== undefined && (ai.budget.min !== undefined || ai.budget.max !== undefined)
      ? {
          value: { min: ai.budget.min, max: ai.budget.max },
          source: 'ai' as const,
          evidence: ai.evidence[0] ?? 'AI reading',
        }
      : null;
  const aiType = ai?.propertyType !== undefined && isHomeKind(ai.propertyType) ? ai.propertyType : undefined;

  return {
    areas,
    price: agentPrice ?? formPrice ?? read.budget ?? aiPrice,
    bedsMin: agentPart(set.bedsMin, 'the lead page') ?? read.beds,
    bathsMin: agentPart(set.bathsMin, 'the lead page') ?? read.baths,
    types:
      (set.types === undefined ? null : agentPart(set.types.filter(isHomeKind), 'the lead page')) ??
      read.type ??
      (aiType === undefined
        ? null
        : { value: [aiType], source: 'ai', evidence: ai?.evidence[0] ?? 'AI reading' }),
  };
}
