// The likely correction of a mistyped email domain (`john@gmial.com` -> `john@gmail.com`), in
// the way mailcheck does it: the domain and its ending are compared with the mail providers
// people most often mistype, by edit distance, and a close but unequal one is offered. Only a
// suggestion: the address as typed is kept and may be saved (decision 0013).

/** Consumer mail domains most leads write from (US first). */
const DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'live.com',
  'msn.com',
  'comcast.net',
  'att.net',
  'sbcglobal.net',
  'verizon.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'protonmail.com',
  'proton.me',
  'ymail.com',
  'googlemail.com',
] as const;

/** Endings, for a domain we do not know whose ending is mistyped (`example.cmo`). */
const ENDINGS = ['com', 'net', 'org', 'edu', 'gov', 'us', 'co', 'io', 'me', 'info', 'biz', 'ca'] as const;

/** Restricted Damerau-Levenshtein: a swapped pair of letters (gmial) is one edit. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  return at(rows - 1, cols - 1);
}

function closest(word: string, candidates: readonly string[], limit: number): string | undefined {
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of candidates) {
    const edits = distance(word, candidate);
    if (edits <= limit && (best === undefined || edits < best.edits)) best = { candidate, edits };
  }
  return best?.candidate;
}

/**
 * The address with its domain corrected, or null when nothing looks mistyped (a known domain, an
 * unknown one with a known ending, or too far from any provider to guess).
 */
export function suggestEmailCorrection(email: string): string | null {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if ((DOMAINS as readonly string[]).includes(domain)) return null;
  // A known provider, one or two edits away (longer domains allow two).
  const provider = closest(domain, DOMAINS, domain.length > 8 ? 2 : 1);
  if (provider !== undefined) return `${local}@${provider}`;
  // An unknown domain whose ending is a near miss of a common one (not itself an ending).
  const dot = domain.lastIndexOf('.');
  if (dot <= 0) return null;
  const ending = domain.slice(dot + 1);
  if ((ENDINGS as readonly string[]).includes(ending) || ending.length < 2) return null;
  const fixed = closest(ending, ENDINGS, 1);
  return fixed === undefined ? null : `${local}@${domain.slice(0, dot)}.${fixed}`;
}
