// What a keyword does beyond landing in the timeline (src-shared/sms/keywords.ts has Twilio's
// lists). Opt-out for a known lead is the engine's stop rule (engine/reactions.ts suppresses
// every channel when the STOP arrives in the store); here only what the engine cannot do:
//  - STOP from a number that is no lead's: the address is suppressed on every channel, so a
//    lead created later with that number is never texted;
//  - START/YES/UNSTOP: the opt-out suppressions that a STOP (or Twilio's 21610) made for the
//    lead's addresses are lifted, and texting consent comes back on the channel used; a
//    bounce, complaint or manual do-not-contact stays.
import type { Consent, Lead } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { suppressionDoc } from '../messages/suppression';

export async function suppressUnknownNumber(
  ctx: CoreContext,
  address: string,
  detail: string,
): Promise<void> {
  await ctx.db.suppressions.upsert(
    suppressionDoc(ctx, { channel: 'all', address, reason: 'stop', detail }, ctx.clock.now()),
  );
}

/** Returns how many suppressions were lifted. */
export async function optBackIn(
  ctx: CoreContext,
  lead: Lead | null,
  address: string,
  channel: 'sms' | 'whatsapp',
): Promise<number> {
  const addresses = new Set([address]);
  if (lead?.phone !== undefined) addresses.add(lead.phone);
  if (lead?.email !== undefined) addresses.add(lead.email);
  const selector = {
    $or: [{ address: { $in: [...addresses] } }, ...(lead === null ? [] : [{ leadId: lead.id }])],
  };
  const docs = await ctx.db.suppressions.find({ selector }).exec();
  const lifted = docs.filter(
    (s) =>
      s.reason === 'stop' ||
      (s.reason === 'provider_opt_out' && (s.channel === channel || s.channel === 'all')),
  );
  await Promise.all(lifted.map((s) => s.remove()));
  if (lead !== null) {
    const doc = await ctx.db.leads.findOne(lead.id).exec();
    await doc?.incrementalModify((l) => {
      const consent: Consent = { ...l.consent, [channel]: 'granted' };
      for (const other of ['sms', 'whatsapp', 'email'] as const)
        if (other !== channel && consent[other] === 'revoked') consent[other] = 'unknown';
      return { ...l, consent, updatedAt: ctx.clock.now() };
    });
  }
  return lifted.length;
}
