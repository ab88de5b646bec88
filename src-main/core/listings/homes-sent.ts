// Homes sent to a lead, kept on the lead (the newest 200) so matching never offers one again,
// whether it went by one tap or in a {{property_matches}} block of a sequence step.
import type { Channel } from '../../../src-shared/domain';
import type { CoreContext } from '../context';

const KEEP_SENT = 200;

export async function recordHomesSent(
  ctx: CoreContext,
  leadId: string,
  listingIds: readonly string[],
  channel: Channel,
): Promise<void> {
  const doc = await ctx.db.leads.findOne(leadId).exec();
  if (doc === null || listingIds.length === 0) return;
  const now = ctx.clock.now();
  await doc.incrementalModify((lead) => {
    const kept = (lead.homesSent ?? []).filter((home) => !listingIds.includes(home.listingId));
    lead.homesSent = [...kept, ...listingIds.map((listingId) => ({ listingId, at: now, channel }))].slice(
      -KEEP_SENT,
    );
    lead.updatedAt = now;
    return lead;
  });
}
