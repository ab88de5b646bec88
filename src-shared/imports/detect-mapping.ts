// Column mapping from a file's headers: which export it looks like (preset), and what each
// column becomes. Headers are compared loosely (case, spaces and punctuation ignored), so
// "E-mail", "email address" and "EMAIL" all find the email column.
import type { ColumnMapping, ImportTarget } from './fields';
import { singleColumnTargets } from './fields';
import type { ImportPreset } from './presets';
import { importPresets, presetDefinitions } from './presets';

export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Generic synonyms: loose header key -> target, for any file. */
const synonyms = new Map<string, ImportTarget>();
function synonym(target: ImportTarget, ...headers: string[]): void {
  for (const header of headers) synonyms.set(headerKey(header), target);
}
synonym('firstName', 'first name', 'first', 'firstname', 'given name', 'fname');
synonym('lastName', 'last name', 'last', 'surname', 'family name', 'lname');
synonym('fullName', 'name', 'full name', 'contact name', 'client name', 'lead name', 'contact');
synonym('email', 'email', 'e-mail', 'email address', 'email 1', 'primary email', 'mail');
synonym('phone', 'phone', 'phone number', 'phone 1', 'mobile', 'cell', 'cell phone', 'mobile phone');
synonym('phone', 'primary phone', 'telephone', 'tel');
synonym('street', 'street', 'address', 'street address', 'address 1', 'mailing address');
synonym('city', 'city', 'town');
synonym('state', 'state', 'province', 'region', 'st');
synonym('zip', 'zip', 'zip code', 'zipcode', 'postal code', 'postcode');
synonym('stage', 'stage', 'status', 'lead status', 'pipeline stage');
synonym('source', 'source', 'lead source', 'origin');
synonym('intent', 'type', 'lead type', 'buyer/seller', 'intent', 'contact type', 'deal type');
synonym('tags', 'tags', 'tag', 'labels', 'hashtags', 'groups');
synonym('price', 'price', 'budget', 'price range', 'list price');
synonym('priceMin', 'min price', 'price min', 'minimum price', 'price from');
synonym('priceMax', 'max price', 'price max', 'maximum price', 'price to');
synonym('propertyAddress', 'property address', 'property', 'listing address', 'property of interest');
synonym('notes', 'notes', 'note', 'comments', 'comment', 'message', 'background', 'description');
synonym('createdAt', 'created', 'date created', 'created at', 'date added', 'added', 'received date');

/** The preset whose distinctive headers the file has most of (at least 3), else generic. */
export function detectPreset(headers: readonly string[]): ImportPreset {
  const keys = new Set(headers.map(headerKey));
  let best: ImportPreset = 'generic';
  let bestScore = 0;
  for (const preset of importPresets) {
    const signature = presetDefinitions[preset].signature;
    const hits = signature.filter((h) => keys.has(headerKey(h))).length;
    const score = signature.length === 0 ? 0 : hits / signature.length;
    if (hits >= 3 && score > bestScore) {
      best = preset;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Maps each header: the preset's own name first, then the synonyms. A target that takes one
 * column goes to the first column that claims it; later claimants are ignored.
 */
export function detectMapping(headers: readonly string[], preset: ImportPreset): ColumnMapping {
  const presetColumns = new Map(
    Object.entries(presetDefinitions[preset].columns).map(([h, t]) => [headerKey(h), t]),
  );
  // A Map, not an object: a header may be named "constructor" or "__proto__".
  const mapping = new Map<string, ImportTarget>();
  const taken = new Set<ImportTarget>();
  const claim = (header: string, target: ImportTarget | undefined): boolean => {
    if (target === undefined || (singleColumnTargets.has(target) && taken.has(target))) return false;
    mapping.set(header, target);
    taken.add(target);
    return true;
  };
  for (const header of headers) claim(header, presetColumns.get(headerKey(header)));
  for (const header of headers) {
    if (!mapping.has(header) && !claim(header, synonyms.get(headerKey(header))))
      mapping.set(header, 'ignore');
  }
  // First and last name columns win over a full name column.
  if (taken.has('firstName') || taken.has('lastName')) {
    for (const [header, target] of mapping) if (target === 'fullName') mapping.set(header, 'ignore');
  }
  return Object.fromEntries(mapping);
}

/** What a mapping is missing to import anything: a name, an email or a phone. */
export function mappingProblem(mapping: ColumnMapping): string | undefined {
  const targets = new Set(Object.values(mapping));
  const usable = ['firstName', 'lastName', 'fullName', 'email', 'phone'] as const;
  if (usable.some((t) => targets.has(t))) return undefined;
  return 'Choose a column for the name, the email or the phone: a lead needs at least one of them.';
}

/** Two columns mapped to one single-column target, named for the person fixing it. */
export function mappingConflicts(mapping: ColumnMapping): string[] {
  const byTarget = new Map<ImportTarget, string[]>();
  for (const [header, target] of Object.entries(mapping)) {
    if (!singleColumnTargets.has(target)) continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), header]);
  }
  return [...byTarget.entries()]
    .filter(([, headers]) => headers.length > 1)
    .map(([target, headers]) => `${headers.map((h) => `"${h}"`).join(' and ')} both fill ${target}`);
}
