// The daily aged-lead scan: leads with no contact for a sequence's N days are enrolled in it
// (reactivation). Read through the [deletedAt, lastContactAt] index, in pages, yielding to the
// event loop between pages so a large pool never blocks the process.
import type { CoreContext } from '../context';
import { enrollLead } from '../enrollments/materialise';

const DAY_MS = 86_400_000;
const PAGE = 500;

export async function scanAgedLeads(ctx: CoreContext): Promise<number> {
  const now = ctx.clock.now();
  const sequences = (await ctx.db.sequences.find({ selector: { status: 'active' } }).exec())
    .map((d) => d.toMutableJSON())
    .filter((s) => s.trigger.type === 'inactive');
  let enrolled = 0;
  for (const sequence of sequences) {
    if (sequence.trigger.type !== 'inactive') continue;
    const cutoff = now - sequence.trigger.days * DAY_MS;
    for (let skip = 0; ; skip += PAGE) {
      const page = await ctx.db.leads
        .find({
          selector: { deletedAt: 0, lastContactAt: { $lt: cutoff } },
          sort: [{ deletedAt: 'asc' }, { lastContactAt: 'asc' }],
          skip,
          limit: PAGE,
        })
        .exec();
      for (const doc of page) {
        const lead = doc.toMutableJSON();
        if (lead.createdAt >= cutoff || (lead.lastInboundAt ?? 0) >= cutoff) continue;
        const outcome = await enrollLead(ctx, lead, sequence, {
          reason: `no contact for ${sequence.trigger.days} days`,
        });
        if ('enrolled' in outcome) enrolled++;
      }
      if (page.length < PAGE) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return enrolled;
}
