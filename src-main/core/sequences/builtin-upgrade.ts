// Brings the built-in playbooks of an existing workspace up to the shipped ones, touching only
// what the team never changed (decision 0343):
// - a built-in template whose name, subject and body still fingerprint as a text we shipped
//   before is replaced by the current text; an edited one is left exactly as the team wrote it;
// - a built-in sequence whose steps are still the shipped ones without the per-step fallbacks
//   (decision 0340) gets the current steps as a new version (running enrollments keep theirs).
import { createHash } from 'node:crypto';
import type { SequenceStep } from '../../../src-shared/domain';
import { BUILTIN_SEQUENCES, BUILTIN_TEMPLATES } from '../../../src-shared/playbooks';
import type { CoreContext } from '../context';
import { updateSequence } from './sequence-store';

/** sha256 of "name\nsubject\nbody" (first 16 hex digits) of each built-in as shipped before. */
const SHIPPED_BEFORE: Readonly<Record<string, readonly string[]>> = {
  'tpl-buyer-welcome-email': ['9f3302bd41164067'],
  'tpl-buyer-welcome-sms': ['c64303ad6917db72'],
  'tpl-call-new-lead': ['9aa379c57dc313d6'],
  'tpl-buyer-day1-sms': ['ffbf06bfb7064ca9'],
  'tpl-buyer-listings-email': ['b6e6f8bbcde2a75e', '25e31df463787356'],
  'tpl-call-followup': ['8c6f84c766b0a8b9'],
  'tpl-checkin-sms': ['6bd2e1f3bb1e27b0'],
  'tpl-market-email': ['cf1719c70de5b35a'],
  'tpl-seller-welcome-email': ['f361571d898993e5'],
  'tpl-seller-welcome-sms': ['e5341cb46671106b'],
  'tpl-seller-valuation-email': ['33c6dd5cac8f04c8'],
  'tpl-reactivation-sms': ['1443895f37e52453'],
  'tpl-reactivation-email': ['0bc3c2936b843054'],
  'tpl-proposal-sms': ['a2efcb545f04c580'],
  'tpl-promised-sms': ['621804a782a52d25'],
  'tpl-missed-callback-sms': ['4cd145fe4f4a2f70'],
  'tpl-ghosted-email': ['95717252b7e8d51e'],
  'tpl-price-objection-email': ['0d3244698c77f4e8'],
  'tpl-nurture-email': ['a93a8401a9a0ec4a'],
};

export function templateFingerprint(t: { name: string; subject?: string | undefined; body: string }): string {
  return createHash('sha256')
    .update(`${t.name}\n${t.subject ?? ''}\n${t.body}`)
    .digest('hex')
    .slice(0, 16);
}

/** Key order does not matter: documents come back from the store in their own order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function withoutFallback(steps: readonly SequenceStep[]): SequenceStep[] {
  return steps.map(({ fallback: _fallback, ...step }) => step);
}

export async function upgradeBuiltIns(ctx: CoreContext): Promise<{ templates: number; sequences: number }> {
  const now = ctx.clock.now();
  let templates = 0;
  for (const shipped of BUILTIN_TEMPLATES) {
    const doc = await ctx.db.templates.findOne(shipped.id).exec();
    if (doc === null || !doc.builtIn || doc.demo) continue;
    if (!(SHIPPED_BEFORE[shipped.id] ?? []).includes(templateFingerprint(doc))) continue;
    await doc.incrementalModify((current) => {
      const next = { ...current, name: shipped.name, body: shipped.body, updatedAt: now };
      if (shipped.subject === undefined) delete next.subject;
      else next.subject = shipped.subject;
      return next;
    });
    templates++;
  }

  let sequences = 0;
  for (const shipped of BUILTIN_SEQUENCES) {
    if (!shipped.steps.some((step) => step.fallback !== undefined)) continue;
    const doc = await ctx.db.sequences.findOne(shipped.id).exec();
    if (doc === null || !doc.builtIn) continue;
    const stored = doc.toMutableJSON().steps;
    if (canonical(stored) !== canonical(withoutFallback(shipped.steps))) continue;
    await updateSequence(ctx, shipped.id, { steps: shipped.steps });
    sequences++;
  }
  return { templates, sequences };
}
