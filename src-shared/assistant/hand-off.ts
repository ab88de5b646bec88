// When the assistant stops and calls the agent, read from the lead's words by rules, in code,
// before any model is asked: a model may add a reason (it read a call request), never remove
// one. The order is the order of precedence: a Fair Housing question is named as one even
// when it also asks for a person. `protectedClass` is in guardrails.ts (shared with outgoing).
import { protectedClassPhrase } from './guardrails';

export const handOffKinds = [
  'fair_housing',
  'asks_for_person',
  'wants_showing',
  'professional_advice',
  'upset',
  'hot',
  'stalled',
  'daily_limit',
  'qualified',
  'guardrail',
] as const;
export type HandOffKind = (typeof handOffKinds)[number];

export interface HandOff {
  kind: HandOffKind;
  /** For the task and the timeline, in the agent's words. */
  reason: string;
  /** The lead's phrase it rests on, when there is one. */
  evidence?: string;
}

const asksForPerson =
  /\b((talk|speak|chat) (to|with) (a |an |the )?(real |actual )?(person|human|agent|realtor|someone|somebody|you in person)|(real|actual|live) (person|human|agent)|(have|get|want) (the |my |a |an |your )?(agent|realtor|broker|human|person)( to)? (call|text|contact|reach)|call me|give me a call|can (you|someone|somebody|\w+) call|(phone|ring) me|hablar con (una persona|alguien|el agente|la agente)|llámame|llameme)\b/i;
const wantsShowing =
  /\b(see (it|this|that( one)?|inside|(the|that|this) (one|house|home|place|condo|property|listing|unit|apartment|townhouse)|homes?|houses?|places?|properties)|(a |schedule a |book a )?(showing|tour|viewing|walk ?through)|come (by|see|look)|visit (it|the)|open house|meet (up|you|in person|with you|with (the )?agent)|(can|could) we meet|set up a (meeting|time)|ver la casa|visitar|reunirnos)\b/i;
const professionalAdvice =
  /\b(contract|contingenc(y|ies)|earnest money|escrow|closing costs?|attorney|lawyer|legal|lawsuit|liens?|title (issue|insurance)|disclosure|inspection (report|clause)|interest rate|mortgage rate|rates?\b.*\b(lock|today|now)|apr\b|down payment assistance|loan terms?|(negotiat\w*)|counter ?offer|offer (below|under|over) asking|lowball|how much (should|do) (i|we) offer|commission|appraisal|contrato|abogado|tasa de inter[eé]s|negociar)\b/i;
const upset =
  /\b(stop (bothering|harassing|spamming)|annoy(ed|ing)|harass\w*|spam(ming)?|ridiculous|terrible|awful|angry|furious|pissed|wtf|what the (hell|heck)|leave me alone|sick of|fed up|complain\w*|unprofessional|scam|rude|enough already|molesto|harto)\b/i;

function phrase(pattern: RegExp, text: string): string | null {
  const match = pattern.exec(text);
  return match === null ? null : match[0];
}

/** The hand-off one inbound text calls for, or null when the assistant may go on. */
export function handOffFor(text: string, agentFirstName: string): HandOff | null {
  const agent = agentFirstName.trim() === '' ? 'the agent' : agentFirstName.trim();
  const fairHousing = protectedClassPhrase(text);
  if (fairHousing !== null)
    return {
      kind: 'fair_housing',
      reason: `They asked about a protected characteristic ("${fairHousing}"): answered neutrally with public sources; ${agent} follows up.`,
      evidence: fairHousing,
    };
  const person = phrase(asksForPerson, text);
  if (person !== null)
    return { kind: 'asks_for_person', reason: `They asked for a person ("${person}").`, evidence: person };
  const showing = phrase(wantsShowing, text);
  if (showing !== null)
    return {
      kind: 'wants_showing',
      reason: `They want to see a home or meet ("${showing}").`,
      evidence: showing,
    };
  const advice = phrase(professionalAdvice, text);
  if (advice !== null)
    return {
      kind: 'professional_advice',
      reason: `They asked about contracts, law, financing terms or negotiation ("${advice}"): only ${agent} answers that.`,
      evidence: advice,
    };
  const angry = phrase(upset, text);
  if (angry !== null) return { kind: 'upset', reason: `They sound upset ("${angry}").`, evidence: angry };
  return null;
}

/** "Are you a bot?": the assistant answers truthfully that it is an automated assistant. */
export const asksIfHuman =
  /\b(are you (a |an )?(bot|robot|ai|machine|computer|real|human|person|automated)|is this (a |an )?(bot|robot|ai|automated|real person|a person|human)|am i (talking|texting|chatting) (to|with) (a |an )?(bot|robot|ai|machine|real person|person|human)|eres (un )?(robot|bot|humano|una persona))\b/i;
