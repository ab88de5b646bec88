// Intent from what a lead wrote and what we know of them: buy, sell, both, rent or unknown,
// with the phrases that gave it away. Buy and sell evidence together make "both"; rent wins
// only when there is no buy or sell evidence (a renter whose lease ends often wants to buy).
import type { Lead, LeadIntent } from '../domain';

const buyPattern =
  /\b(buy(ing)?|purchase|looking for a (home|house|condo|place)|first[- ]time (home ?)?buyer|pre-?approved|see (it|the house|the home)|showing|tour|listings?|still available|make an offer|move in)\b/i;
const sellPattern =
  /\b(sell(ing)?|list (my|our)|listing (my|our)|what('s| is) (it|my home|my house|our home|our house) worth|home value|valuation|cma|market analysis|downsiz(e|ing))\b/i;
const rentPattern = /\b(rent(al|ing)?|to rent|for rent|lease|tenant|apartment)\b/i;

export interface IntentReading {
  intent: LeadIntent;
  /** The phrases that support the intent, at most a few, in the order found. */
  evidence: string[];
}

const MAX_EVIDENCE = 4;

function collect(pattern: RegExp, texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const match = pattern.exec(text);
    if (match !== null && !found.includes(match[0].toLowerCase())) found.push(match[0].toLowerCase());
  }
  return found;
}

/** Reads intent from the lead's own words; `tags` such as "investor" or "seller" count too. */
export function detectIntent(texts: readonly string[], lead?: Pick<Lead, 'tags'>): IntentReading {
  const tagText = (lead?.tags ?? []).join(' ').toLowerCase();
  const buy = collect(buyPattern, texts);
  const sell = collect(sellPattern, texts);
  const rent = collect(rentPattern, texts);
  if (/\b(investor|buyer)\b/.test(tagText))
    buy.push(`tag: ${/investor/.test(tagText) ? 'investor' : 'buyer'}`);
  if (/\bseller\b/.test(tagText)) sell.push('tag: seller');
  if (buy.length > 0 && sell.length > 0)
    return { intent: 'both', evidence: [...sell, ...buy].slice(0, MAX_EVIDENCE) };
  if (sell.length > 0) return { intent: 'sell', evidence: sell.slice(0, MAX_EVIDENCE) };
  if (buy.length > 0) return { intent: 'buy', evidence: buy.slice(0, MAX_EVIDENCE) };
  if (rent.length > 0) return { intent: 'rent', evidence: rent.slice(0, MAX_EVIDENCE) };
  return { intent: 'unknown', evidence: [] };
}
