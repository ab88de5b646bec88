// The `{{property_matches}}` block at send time: the lead's best homes now (never one already
// sent, never one off the market), as email cards or a text's one line and link. A template
// whose block finds no home is refused with the reason (never a message with an empty list);
// the homes it carries are returned so the send records them on the lead.
import type { Channel, Lead } from '../../../src-shared/domain';
import type { HomeMatch } from '../../../src-shared/ipc/listings';
import {
  EMAIL_BLOCK_HOMES,
  SMS_BLOCK_HOMES,
  propertyMatchesHtml,
  propertyMatchesSms,
  propertyMatchesText,
} from '../../../src-shared/listings/block';
import { settingsPlace } from '../../../src-shared/settings-sections';
import { TemplateError } from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { matchesForLead } from './lead-matches';

const BLOCK = /\{\{\s*property_matches\s*(\|[^{}]*)?\}\}/;

/** Stands in for the block while the HTML part is escaped; replaced by the cards after. */
export const PROPERTY_BLOCK_MARK = '\u2063property-matches\u2063';

export function usesPropertyBlock(...texts: (string | undefined)[]): boolean {
  return texts.some((text) => text !== undefined && BLOCK.test(text));
}

export interface PropertyBlock {
  text: string;
  html: string;
  listingIds: string[];
}

export function blockOf(homes: readonly HomeMatch[], channel: Channel): PropertyBlock {
  const shown = homes.slice(0, channel === 'email' ? EMAIL_BLOCK_HOMES : SMS_BLOCK_HOMES);
  return {
    text: channel === 'email' ? propertyMatchesText(shown) : propertyMatchesSms(homes),
    html: propertyMatchesHtml(shown),
    listingIds: shown.map((home) => home.listing.id),
  };
}

export async function propertyBlockFor(
  ctx: CoreContext,
  lead: Lead,
  channel: Channel,
): Promise<PropertyBlock> {
  const found = await matchesForLead(ctx, lead, EMAIL_BLOCK_HOMES);
  if (found.matches.length === 0) {
    const name = lead.firstName.trim() === '' ? 'this lead' : lead.firstName.trim();
    throw new TemplateError(
      'no_property_matches',
      `{{property_matches}} found no home for ${name}: ${found.emptyReason ?? 'none fits'} The message was not sent.`,
      ['property_matches'],
    );
  }
  return blockOf(found.matches, channel);
}

/** Puts the cards where the block stood in an HTML part (its paragraph, or inline). */
export function spliceCards(html: string, cards: string): string {
  return html.replace(`<p>${PROPERTY_BLOCK_MARK}</p>`, cards).replaceAll(PROPERTY_BLOCK_MARK, cards);
}

/** A preview without a lead: the newest homes for sale stand in for a lead's matches. */
export async function sampleHomesFor(ctx: CoreContext): Promise<HomeMatch[]> {
  const docs = await ctx.db.listings
    .find({
      selector: { StandardStatus: { $in: ['Active', 'ComingSoon'] } },
      sort: [{ updatedAt: 'desc' }],
      limit: 12,
    })
    .exec();
  const homes = docs
    .map((doc) => doc.toMutableJSON())
    .filter((listing) => listing.leftFeedAt === undefined)
    .map((listing) => ({ listing, reasons: ['a sample: each lead gets their own matches'] }));
  if (homes.length === 0)
    throw new TemplateError(
      'no_property_matches',
      `{{property_matches}} has no homes to show yet: import your listings in ${settingsPlace('listings')}.`,
      ['property_matches'],
    );
  return homes;
}

export async function sampleBlockFor(ctx: CoreContext, channel: Channel): Promise<PropertyBlock> {
  return blockOf(await sampleHomesFor(ctx), channel);
}
