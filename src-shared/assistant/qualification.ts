// What the assistant is trying to learn about a lead, and the one question it asks for each
// field. The questions are a fixed phrasebook owned by this file (English and Spanish): the
// model never writes what the lead reads, so every sentence here can be checked by the
// guardrails' tests once. Order matters: the next question is the first field still empty.
import { z } from 'zod';

export const qualificationFields = [
  'intent',
  'timeline',
  'price',
  'financing',
  'areas',
  'propertyType',
  'mustHaves',
  'motivation',
] as const;
export type QualificationField = (typeof qualificationFields)[number];

export const assistantLanguages = ['en', 'es'] as const;
export type AssistantLanguage = (typeof assistantLanguages)[number];

export const filledFieldSchema = z
  .object({
    /** The value in our words (buy, now, $400,000–$500,000, pre_approved, …). */
    value: z.string().max(200),
    /** The lead's own phrase it was read from. */
    evidence: z.string().max(200),
    /** Where it was read: an answer to our question, anywhere in the history, or the AI. */
    source: z.enum(['answer', 'history', 'ai']),
    at: z.number().int().min(0),
  })
  .strict();
export type FilledField = z.output<typeof filledFieldSchema>;

export type Qualification = { [K in QualificationField]?: FilledField | undefined };
export const qualificationSchema = z
  .object(
    Object.fromEntries(qualificationFields.map((f) => [f, filledFieldSchema.optional()])) as Record<
      QualificationField,
      z.ZodOptional<typeof filledFieldSchema>
    >,
  )
  .strict();

export const fieldLabels: Record<QualificationField, string> = {
  intent: 'Buying or selling',
  timeline: 'Timeline',
  price: 'Price range',
  financing: 'Pre-approval or cash',
  areas: 'Areas',
  propertyType: 'Property type',
  mustHaves: 'Must-haves',
  motivation: 'Motivation',
};

type Phrasebook = Record<QualificationField, string>;

const buyerQuestions: Record<AssistantLanguage, Phrasebook> = {
  en: {
    intent: 'Are you looking to buy, sell, or both?',
    timeline: 'When are you hoping to move?',
    price: 'What price range feels comfortable for you?',
    financing: 'Are you pre-approved for a mortgage, or paying cash?',
    areas: 'Which neighborhoods or towns are you considering?',
    propertyType: 'What kind of home are you after: a house, a condo, a townhouse?',
    mustHaves: 'Any must-haves, like a number of bedrooms, a yard or a garage?',
    motivation: 'What is prompting the move?',
  },
  es: {
    intent: '¿Busca comprar, vender o ambos?',
    timeline: '¿Para cuándo le gustaría mudarse?',
    price: '¿Qué rango de precio le resulta cómodo?',
    financing: '¿Tiene una preaprobación hipotecaria o pagará en efectivo?',
    areas: '¿Qué barrios o ciudades está considerando?',
    propertyType: '¿Qué tipo de vivienda busca: casa, condominio, townhouse?',
    mustHaves: '¿Algo imprescindible, como cantidad de habitaciones, patio o garaje?',
    motivation: '¿Qué le lleva a mudarse?',
  },
};

/** Where a seller's question differs from a buyer's. */
const sellerQuestions: Record<AssistantLanguage, Partial<Phrasebook>> = {
  en: {
    price: 'Do you have a price in mind for your home?',
    areas: 'Which neighborhood or town is the home you are selling in?',
    propertyType: 'What kind of home is it: a house, a condo, a townhouse?',
    mustHaves: 'Anything about the home a buyer should know, like recent updates?',
  },
  es: {
    price: '¿Tiene un precio en mente para su vivienda?',
    areas: '¿En qué barrio o ciudad está la vivienda que vende?',
    propertyType: '¿Qué tipo de vivienda es: casa, condominio, townhouse?',
    mustHaves: '¿Algo de la vivienda que un comprador deba saber, como mejoras recientes?',
  },
};

/** The fields that apply to a lead with this intent (a seller is not asked about a mortgage). */
export function fieldsFor(intent: string | undefined): QualificationField[] {
  if (intent === 'sell') return qualificationFields.filter((f) => f !== 'financing');
  return [...qualificationFields];
}

export function questionFor(
  field: QualificationField,
  intent: string | undefined,
  language: AssistantLanguage,
): string {
  const seller = intent === 'sell' ? sellerQuestions[language][field] : undefined;
  return seller ?? buyerQuestions[language][field];
}

/** Every sentence the phrasebook can produce (for the guardrails' tests). */
export function allQuestions(): string[] {
  return assistantLanguages.flatMap((lang) => [
    ...Object.values(buyerQuestions[lang]),
    ...Object.values(sellerQuestions[lang]),
  ]);
}

/** The first field that applies and is still empty; null when the lead is qualified. */
export function nextField(qualification: Qualification): QualificationField | null {
  return fieldsFor(qualification.intent?.value).find((f) => qualification[f] === undefined) ?? null;
}

/** How many of the fields that apply are filled. */
export function progressOf(qualification: Qualification): { filled: number; of: number } {
  const fields = fieldsFor(qualification.intent?.value);
  return { filled: fields.filter((f) => qualification[f] !== undefined).length, of: fields.length };
}
