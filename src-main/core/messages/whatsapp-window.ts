// WhatsApp's customer-service window: free-form messages may go to a person only within 24
// hours of their last WhatsApp message to us; outside it, only an approved template.
import type { CoreContext } from '../context';

export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

export async function isWhatsAppWindowOpen(ctx: CoreContext, leadId: string, now: number): Promise<boolean> {
  const recent = await ctx.db.messages
    .count({
      selector: {
        leadId,
        direction: 'inbound',
        channel: 'whatsapp',
        createdAt: { $gte: now - WHATSAPP_WINDOW_MS },
      },
    })
    .exec();
  return recent > 0;
}
