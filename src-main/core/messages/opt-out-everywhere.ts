// An opt-out stops every channel at once: one suppression `all` for each of the lead's
// addresses, consent revoked everywhere (the suppression's change then stops the lead's
// sequences, engine/reactions.ts). Used for an inbound STOP (or a reply read as an opt-out) and
// for a provider saying the recipient opted out (Twilio 21610, at send time or in a status report).
import type { Suppression } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { suppressionDoc } from './suppression';

export async function optOutEverywhere(
  ctx: CoreContext,
  leadId: string,
  why: {
    reason: Extract<Suppression['reason'], 'stop' | 'provider_opt_out'>;
    detail: string;
    address?: string;
  },
): Promise<void> {
  const lead = await ctx.db.leads.findOne(leadId).exec();
  if (lead === null) return;
  const now = ctx.clock.now();
  const addresses = [lead.phone, lead.email].filter((a): a is string => a !== undefined);
  if (addresses.length === 0) addresses.push(why.address ?? lead.id);
  await ctx.db.suppressions.bulkUpsert(
    addresses.map((address) =>
      suppressionDoc(ctx, { channel: 'all', address, reason: why.reason, detail: why.detail, leadId }, now),
    ),
  );
  await lead.incrementalModify((l) => ({
    ...l,
    consent: { sms: 'revoked', whatsapp: 'revoked', email: 'revoked' },
    updatedAt: now,
  }));
}
