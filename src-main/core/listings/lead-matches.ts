// A lead's homes: their preferences read afresh (the agent's settings, the form, what they
// wrote, the AI reading), then the team's listings matched and ranked, leaving out what was
// already sent. The lead page, the {{property_matches}} block and "send this home" all ask here,
// so what the agent sees is what the lead gets.
import type { Lead, Message } from '../../../src-shared/domain';
import type { LeadMatches } from '../../../src-shared/ipc/listings';
import { canMatch, criteriaOf } from '../../../src-shared/listings/match';
import type { LeadHomePreferences } from '../../../src-shared/listings/preferences';
import { readHomePreferences } from '../../../src-shared/listings/preferences';
import { leadTexts } from '../../../src-shared/scoring/content';
import { settingsPlace } from '../../../src-shared/settings-sections';
import type { CoreContext } from '../context';
import { aiReadingFor, messagesByLead } from '../scoring/rescore';
import { listingIndexOf } from './listing-book';

/** The lead's preferences from everything they and the agent said (`messages` are the lead's). */
export async function preferencesOf(
  ctx: CoreContext,
  lead: Lead,
  messages: readonly Message[],
  knownCities: readonly string[],
): Promise<LeadHomePreferences> {
  const inbound = messages.filter((m) => m.direction === 'inbound' && m.channel !== 'note');
  return readHomePreferences({
    lead,
    inquiry: leadTexts({}, inbound),
    ai: await aiReadingFor(ctx, lead, messages, false),
    knownCities,
  });
}

export async function matchesForLead(ctx: CoreContext, lead: Lead, limit: number): Promise<LeadMatches> {
  const messages = (await messagesByLead(ctx, [lead.id])).get(lead.id) ?? [];
  const index = await listingIndexOf(ctx);
  const preferences = await preferencesOf(ctx, lead, messages, index.cities());
  const criteria = criteriaOf(preferences);
  const sent = new Set((lead.homesSent ?? []).map((home) => home.listingId));
  const matches = index.matchesFor(criteria, ctx.clock.now(), sent, limit);
  const emptyReason =
    matches.length > 0
      ? null
      : index.size === 0
        ? `No homes for sale yet: import your MLS feed or an IDX file in ${settingsPlace('listings')}.`
        : !canMatch(criteria)
          ? 'Not enough to choose homes: add an area or a price band under Home preferences.'
          : `No home for sale fits these preferences right now${sent.size > 0 ? ` (${String(sent.size)} already sent)` : ''}.`;
  return {
    leadId: lead.id,
    preferences,
    matches: matches.map((match) => ({ listing: match.listing, reasons: match.reasons })),
    emptyReason,
    sentCount: sent.size,
  };
}
