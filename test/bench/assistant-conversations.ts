// Scripted lead conversations for the assistant's proof: each persona answers whatever the
// assistant asks from its own script (a field it has no answer for gets "not sure"), and may
// break off at a given turn (STOP, asking for a person, a Fair Housing trap, a showing, anger).
// What a correct assistant must end with is written beside each: the fields and their values,
// and the hand-off or stop. Built from small lists, combined, so there are well over 100.
import type { HandOffKind, QualificationField } from '../../src-shared/assistant';

export interface ScriptedConversation {
  name: string;
  language: 'en' | 'es';
  /** The lead's answer to each question; missing: "not sure". */
  answers: Partial<Record<QualificationField, string>>;
  /** What it should read from each answer (values in the assistant's words). */
  expected: Partial<Record<QualificationField, string>>;
  /** After this many answers the lead writes `breakWith` instead of answering. */
  breakAfter?: number;
  breakWith?: string;
  /** The hand-off it must end with (or 'stopped' for STOP, 'qualified' when all was answered). */
  ends: HandOffKind | 'stopped';
}

const buyers: Pick<ScriptedConversation, 'answers' | 'expected'>[] = [
  {
    answers: {
      intent: 'Buying',
      timeline: 'Within 3 months',
      price: 'Around 450k',
      financing: 'Yes, pre-approved',
      areas: 'Oak Park or Elmhurst',
      propertyType: 'A house with a yard',
      mustHaves: '3 bedrooms and a garage',
      motivation: 'Our lease ends and we want to own',
    },
    expected: {
      intent: 'buy',
      timeline: 'soon',
      price: '$405,000 to $495,000',
      financing: 'pre_approved',
      areas: 'Oak Park, Elmhurst',
      propertyType: 'single-family',
      mustHaves: '3 bedrooms and a garage',
      motivation: 'Our lease ends and we want to own',
    },
  },
  {
    answers: {
      intent: "We're looking to buy",
      timeline: 'ASAP',
      price: 'between $600k and $700k',
      financing: 'Paying cash',
      areas: 'Somewhere near Austin',
      propertyType: 'Condo',
      mustHaves: 'Walkable, 2 beds',
      motivation: 'Relocating for work',
    },
    expected: {
      intent: 'buy',
      timeline: 'now',
      price: '$600,000 to $700,000',
      financing: 'cash',
      areas: 'Austin',
      propertyType: 'condo',
      mustHaves: 'Walkable, 2 beds',
      motivation: 'Relocating for work',
    },
  },
  {
    answers: {
      intent: 'buy',
      timeline: 'next spring',
      price: 'up to 350k',
      financing: 'not yet',
      areas: 'Naperville',
      propertyType: 'townhouse',
      mustHaves: 'good light',
      motivation: 'first home',
    },
    expected: {
      intent: 'buy',
      timeline: 'later',
      price: 'up to $350,000',
      financing: 'not_yet',
      areas: 'Naperville',
      propertyType: 'townhouse',
      mustHaves: 'good light',
      motivation: 'first home',
    },
  },
];

const sellers: Pick<ScriptedConversation, 'answers' | 'expected'>[] = [
  {
    answers: {
      intent: 'Selling our home',
      timeline: 'In 6 months',
      price: 'Hoping for about 800k',
      areas: 'Evanston',
      propertyType: 'Single family',
      mustHaves: 'New roof last year',
      motivation: 'Downsizing',
    },
    expected: {
      intent: 'sell',
      timeline: 'later',
      price: '$720,000 to $880,000',
      areas: 'Evanston',
      propertyType: 'single-family',
      mustHaves: 'New roof last year',
      motivation: 'Downsizing',
    },
  },
  {
    answers: {
      intent: 'sell',
      timeline: 'next month',
      price: 'no idea',
      areas: 'Skokie',
      propertyType: 'condo',
      mustHaves: 'nothing special',
      motivation: 'moving in with family',
    },
    expected: {
      intent: 'sell',
      timeline: 'soon',
      price: 'not sure',
      areas: 'Skokie',
      propertyType: 'condo',
      mustHaves: 'nothing special',
      motivation: 'moving in with family',
    },
  },
];

const others: Pick<ScriptedConversation, 'answers' | 'expected' | 'language'>[] = [
  {
    language: 'en',
    answers: {
      intent: 'Looking to rent for now',
      timeline: 'lease is up in July',
      price: '2500 a month',
      financing: 'not sure',
      areas: 'Lincoln Park',
      propertyType: 'apartment',
      mustHaves: 'pets allowed',
      motivation: 'new job',
    },
    expected: {
      intent: 'rent',
      timeline: 'now',
      price: 'not sure',
      financing: 'not sure',
      areas: 'Lincoln Park',
      propertyType: 'apartment',
      mustHaves: 'pets allowed',
      motivation: 'new job',
    },
  },
  {
    language: 'en',
    answers: {
      intent: 'not sure yet',
      timeline: 'dunno',
      price: 'idk',
      financing: 'no idea',
      areas: 'not sure',
      propertyType: 'not sure',
      mustHaves: 'not sure',
      motivation: 'not sure',
    },
    expected: {
      intent: 'not sure',
      timeline: 'not sure',
      price: 'not sure',
      financing: 'not sure',
      areas: 'not sure',
      propertyType: 'not sure',
      mustHaves: 'not sure',
      motivation: 'not sure',
    },
  },
  {
    language: 'es',
    answers: {
      intent: 'Hola, quiero comprar',
      timeline: 'En 3 meses',
      price: 'Unos 400 mil',
      financing: 'Sí, tengo preaprobación',
      areas: 'Cicero',
      propertyType: 'Una casa',
      mustHaves: 'Tres habitaciones',
      motivation: 'Familia creciendo',
    },
    expected: {
      intent: 'buy',
      timeline: 'soon',
      price: 'up to $400,000',
      financing: 'pre_approved',
      areas: 'Cicero',
      propertyType: 'single-family',
      mustHaves: 'Tres habitaciones',
      motivation: 'Familia creciendo',
    },
  },
];

const breaks: { breakWith: string; ends: ScriptedConversation['ends'] }[] = [
  { breakWith: 'STOP', ends: 'stopped' },
  { breakWith: 'please stop texting me', ends: 'stopped' },
  { breakWith: 'Can I talk to a real person?', ends: 'asks_for_person' },
  { breakWith: 'Is this a bot? I want to speak with an agent', ends: 'asks_for_person' },
  { breakWith: 'Have Jane call me please', ends: 'asks_for_person' },
  { breakWith: 'Is it a good area for families like mine?', ends: 'fair_housing' },
  { breakWith: 'What are the schools like for Hispanic kids?', ends: 'fair_housing' },
  { breakWith: 'Are there many Muslims in the neighborhood?', ends: 'fair_housing' },
  { breakWith: 'Is it a safe neighborhood? Who lives there?', ends: 'fair_housing' },
  { breakWith: 'Can we see the house on Maple this weekend?', ends: 'wants_showing' },
  { breakWith: 'What should we offer below asking? Can we negotiate?', ends: 'professional_advice' },
  { breakWith: 'This is ridiculous, you keep spamming me', ends: 'upset' },
];

export function scriptedConversations(): ScriptedConversation[] {
  const all: ScriptedConversation[] = [];
  const full = [
    ...buyers.map((b) => ({ ...b, language: 'en' as const })),
    ...sellers.map((s) => ({ ...s, language: 'en' as const })),
    ...others,
  ];
  full.forEach((persona, i) => all.push({ ...persona, name: `complete-${i}`, ends: 'qualified' }));
  for (const [p, persona] of full.entries())
    for (const [b, brk] of breaks.entries())
      for (const after of [0, 2, 4])
        all.push({
          ...persona,
          name: `break-${p}-${b}-${after}`,
          breakAfter: after,
          breakWith: brk.breakWith,
          ends: brk.ends,
        });
  return all;
}
