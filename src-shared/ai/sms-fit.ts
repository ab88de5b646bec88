// Makes a draft fit one GSM-7 SMS segment (160 septets, counted by sms/segments as carriers
// count them): typographic characters become their GSM-7 equivalents, anything else outside
// GSM-7 is dropped, and an over-long text is cut at a word boundary (never mid-word) with its
// sentence end kept when one is near. The result always satisfies `fitsOneSms`.
import { countSegments, isGsm7 } from '../sms/segments';

export const SMS_LIMIT = 160;

const replacements: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u2033]/g, '"'],
  [/[\u2013\u2014\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2007\u202f]/g, ' '],
];

/** Replaces typographic characters and drops what GSM-7 cannot carry; collapses whitespace. */
export function toGsm7(text: string): string {
  let out = text;
  for (const [pattern, by] of replacements) out = out.replace(pattern, by);
  out = [...out].filter((char) => isGsm7(char)).join('');
  return out
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

export function fitsOneSms(text: string, limit = SMS_LIMIT): boolean {
  const count = countSegments(text);
  return text.trim() !== '' && count.encoding === 'GSM-7' && count.units <= limit;
}

/** Cuts at the last word boundary that fits; prefers ending on a sentence when it keeps half. */
export function trimToSms(text: string, limit = SMS_LIMIT): string {
  const clean = toGsm7(text);
  if (fitsOneSms(clean, limit)) return clean;
  const words = clean.split(' ');
  let kept = '';
  for (const word of words) {
    const next = kept === '' ? word : `${kept} ${word}`;
    if (!fitsOneSms(next, limit)) break;
    kept = next;
  }
  const sentenceEnd = Math.max(kept.lastIndexOf('. '), kept.lastIndexOf('? '), kept.lastIndexOf('! '));
  if (sentenceEnd >= kept.length / 2) return kept.slice(0, sentenceEnd + 1);
  return kept.replace(/[,;:\-\s]+$/, '');
}
