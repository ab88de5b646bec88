// Reads what a lead wrote: the specific asks that mark a serious lead (urgency, price,
// showing, availability, pre-approval, timeline) and the phrases that mark a browser.
// Rules only: the same words always give the same reading. Each hit keeps the phrase it
// matched, so a score or an insight can quote its evidence. What is read (`leadTexts`): every
// inbound message (the inquiry is the first), the lead's notes and the notes logged on it.
import type { Lead, Message } from '../domain';

type TextMessage = Pick<Message, 'id' | 'direction' | 'channel' | 'createdAt' | 'subject' | 'body'>;

function byTimeThenId(a: Pick<Message, 'id' | 'createdAt'>, b: Pick<Message, 'id' | 'createdAt'>): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The messages written up to `now`, oldest first (ties by id). The list itself when it already
 * is (the store usually returns them so); otherwise a sorted copy, never the list reordered.
 */
export function upTo<T extends Pick<Message, 'id' | 'createdAt'>>(
  messages: readonly T[],
  now: number,
): readonly T[] {
  let previous: T | undefined;
  for (const m of messages) {
    if (m.createdAt > now || (previous !== undefined && byTimeThenId(previous, m) > 0))
      return messages.filter((k) => k.createdAt <= now).sort(byTimeThenId);
    previous = m;
  }
  return messages;
}

function textOf(m: TextMessage): string {
  return m.subject === undefined ? m.body : `${m.subject}\n${m.body}`;
}

/** `leadTexts` of messages already in time order and up to now (see `upTo`). */
export function textsInOrder(lead: Pick<Lead, 'notes'>, ordered: readonly TextMessage[]): string[] {
  const texts: string[] = [];
  let logged: string[] | null = null;
  for (const m of ordered) {
    if (m.channel === 'note') (logged ??= []).push(textOf(m));
    else if (m.direction === 'inbound') texts.push(textOf(m));
  }
  if (lead.notes !== undefined && lead.notes.trim() !== '') texts.push(lead.notes);
  if (logged !== null) for (const text of logged) texts.push(text);
  return texts;
}

/**
 * The lead's own words and what was noted about them, in the order a phrase is quoted from:
 * inbound messages oldest first (the inquiry, then replies), the lead's notes, logged notes.
 */
export function leadTexts(
  lead: Pick<Lead, 'notes'>,
  messages: readonly TextMessage[],
  now = Number.POSITIVE_INFINITY,
): string[] {
  return textsInOrder(lead, upTo(messages, now));
}

export const contentAsks = [
  'urgency',
  'price',
  'showing',
  'availability',
  'preapproval',
  'timeline',
  'browsing',
] as const;
export type ContentAsk = (typeof contentAsks)[number];

/** The phrases each ask is recognised by; word-bounded and case-insensitive; only the whole match is read. */
const askPatterns: Record<ContentAsk, RegExp> = {
  urgency:
    /\b(?:asap|urgent(?:ly)?|as soon as possible|right away|immediately|this week(?:end)?|today|tonight|tomorrow|need to move|relocating|must move|lease (?:ends|is up)|quickly)\b/i,
  price:
    // A dollar amount has no word boundary before its "$".
    /\b(?:price|how much|asking|hoa(?: fees)?|property tax(?:es)?|taxes|make an offer|offer on|afford|budget)\b|\$\s?\d[\d,.]*\s?k?\b/i,
  showing:
    /\b(?:showing|schedule a (?:tour|visit|viewing)|tour (?:it|the|this)|see (?:it|the house|the home|the place|this)|come (?:by|see)|walk ?through|view(?:ing)? (?:it|the)|open house)\b/i,
  availability:
    /\b(?:still available|is it available|available\?|still on the market|still for sale|been sold|under contract yet)\b/i,
  preapproval:
    /\b(?:pre-?approved|pre-?approval|preapproved|approved for(?: a)? (?:loan|mortgage)|cash buyer|paying cash|all cash|proof of funds|mortgage (?:is )?approved|pre-?qualified)\b/i,
  timeline:
    /\b(?:next (?:week|month|spring|summer|fall|autumn|winter|year)|in (?:\d+|a few|two|three|six) (?:weeks|months)|within (?:\d+|a|two|three|six) (?:days|weeks|months)|by (?:january|february|march|april|may|june|july|august|september|october|november|december|the end of)|before school|move-?in date|closing date|timeline)\b/i,
  browsing:
    /\b(?:just (?:browsing|looking|curious)|not ready|no rush|maybe next year|down the road|not (?:interested|looking) anymore|already (?:bought|found|rented)|found a (?:place|home|house)|wrong number|stop texting|window shopping)\b/i,
};

export type ContentReading = Record<ContentAsk, string | null>;

export const EMPTY_READING: ContentReading = {
  urgency: null,
  price: null,
  showing: null,
  availability: null,
  preapproval: null,
  timeline: null,
  browsing: null,
};

/** The first phrase that matched each ask across `texts`, or null. Order of texts matters only for which phrase is quoted. */
export function readContent(texts: readonly string[]): ContentReading {
  const reading: ContentReading = { ...EMPTY_READING };
  let missing = contentAsks.length;
  for (const text of texts) {
    for (const ask of contentAsks) {
      if (reading[ask] !== null) continue;
      const match = askPatterns[ask].exec(text);
      if (match === null) continue;
      reading[ask] = match[0];
      if (--missing === 0) return reading;
    }
  }
  return reading;
}

/** How strongly each ask marks a serious lead, as a share of a full content score. */
export const ASK_STRENGTH: Record<ContentAsk, number> = {
  urgency: 0.35,
  preapproval: 0.35,
  showing: 0.3,
  timeline: 0.25,
  price: 0.2,
  availability: 0.2,
  browsing: -0.45,
};

const ASK_WORDS: Record<ContentAsk, string> = {
  urgency: 'sounds urgent',
  price: 'asked about price',
  showing: 'asked for a showing',
  availability: 'asked if it is available',
  preapproval: 'mentioned pre-approval or cash',
  timeline: 'gave a timeline',
  browsing: 'said they are just looking',
};

export function askWords(ask: ContentAsk): string {
  return ASK_WORDS[ask];
}
