// The assistant's words that other parts of Porchlight read: a short stable key per lead for
// its document ids, and each learned value written in the phrases the scoring's readers know
// (src-shared/scoring/insights.ts, content.ts), so a note "pre-approved" moves the score the
// way the lead's own "pre-approved" would.
import type { QualificationField } from '../../../src-shared/assistant';

/** Lead ids up to 40 characters as they are; longer ones as a stable hash and their tail. */
export function assistantKey(leadId: string): string {
  if (leadId.length <= 40) return leadId;
  let h = 0;
  for (const c of leadId) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return `${(h >>> 0).toString(36)}${leadId.slice(-30)}`;
}

const timelineWords: Record<string, string> = {
  now: 'ready asap',
  soon: 'moving within three months',
  later: 'moving next year',
};
const financingWords: Record<string, string> = {
  pre_approved: 'pre-approved',
  cash: 'paying cash',
  not_yet: 'not pre-approved yet',
};
const intentWords: Record<string, string> = {
  buy: 'wants to buy',
  sell: 'wants to sell',
  both: 'wants to buy and sell',
  rent: 'wants to rent',
};

export function scoringWords(field: QualificationField, value: string): string {
  if (value === 'not sure') return 'not sure yet';
  switch (field) {
    case 'timeline':
      return timelineWords[value] ?? value;
    case 'financing':
      return financingWords[value] ?? value;
    case 'intent':
      return intentWords[value] ?? value;
    case 'price':
      return `budget ${value}`;
    case 'areas':
      return `looking in ${value}`;
    default:
      return value;
  }
}
