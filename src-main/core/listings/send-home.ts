// "Send this home" from the lead page: one home, as a text (one line and the link), a WhatsApp
// message (the same, with the home's photo as media) or an email (the home's card as text, the link through click tracking when
// a server serves it). It enters the outbox like any message the agent writes (compose-send),
// so quiet hours, suppressions, claims and exactly-once hold, waiting for the lead's window
// rather than being refused at night. The home is recorded on the lead at once, so it is not
// offered again, and the message on the timeline says which home went.
import type { Lead, Listing } from '../../../src-shared/domain';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import { addressOf, propertyMatchesSms, propertyMatchesText } from '../../../src-shared/listings/block';
import { criteriaOf, isOfferable, matchReasons } from '../../../src-shared/listings/match';
import { composeHandlers } from '../compose/handlers';
import type { CoreContext } from '../context';
import { recordHomesSent } from './homes-sent';
import { matchesForLead } from './lead-matches';

export async function sendHome(
  ctx: CoreContext,
  lead: Lead,
  listingId: string,
  channel: 'sms' | 'whatsapp' | 'email',
): Promise<{ messageId: string; sendAt: number }> {
  const doc = await ctx.db.listings.findOne(listingId).exec();
  if (doc === null) throw new PorchlightError('not_found', 'This home is no longer in your listings.');
  const listing: Listing = doc.toMutableJSON();
  if (!isOfferable(listing))
    throw new PorchlightError(
      'conflict',
      `${addressOf(listing)} is ${listing.leftFeedAt === undefined ? listing.StandardStatus : 'off the feed'} now; it was not sent.`,
    );
  const { preferences } = await matchesForLead(ctx, lead, 1);
  const home = { listing, reasons: matchReasons(criteriaOf(preferences), listing, ctx.clock.now()) };
  // WhatsApp shows the home's first photo with the text (Twilio fetches it: a public https:// one).
  const photo = listing.photos.map((p) => p.url).find((url) => /^https:\/\/[^\s/]+/i.test(url));
  const greeting = lead.firstName.trim() === '' ? 'Hi' : `Hi ${lead.firstName.trim()}`;
  const body =
    channel === 'email'
      ? `${greeting}, here is a home I think you will like:\n\n${propertyMatchesText([home])}\n\nWant to see it? Just reply and I will set up a showing.`
      : `${greeting}, a home for you: ${propertyMatchesSms([home])}`;
  const message = await composeHandlers(ctx)['compose-send']({
    leadId: lead.id,
    channel,
    body,
    ...(channel === 'email' ? { subject: `A home for you: ${addressOf(listing)}`.slice(0, 200) } : {}),
    authoredBy: 'template',
    when: 'next_allowed',
    ...(channel === 'whatsapp' && photo !== undefined ? { mediaUrls: [photo] } : {}),
  });
  await recordHomesSent(ctx, lead.id, [listing.id], channel);
  return { messageId: message.id, sendAt: message.sendAt ?? message.createdAt };
}
