// Property alerts as a sequence trigger (src-shared/listings/alerts.ts has the rules PA1..PA4).
// The scan enrolls a lead in the active "A new home or price cut matches" sequence when news
// fits them; the enrollment's step then goes out through the engine like every other step
// (quiet hours in the lead's zone, suppressions, claims, the exactly-once outbox), and its
// {{property_summary}} / {{property_matches}} are filled with the news when it leaves.
// The lead's alerts are their enrollments in such sequences: the newest one's start is the
// "previous alert" of PA1 and PA2, so every replica reads the same history.
import type { Channel, Enrollment, Lead, Sequence } from '../../../src-shared/domain';
import type { HomeMatch } from '../../../src-shared/ipc/listings';
import type { ListingAlertSettings } from '../../../src-shared/listings/alerts';
import {
  LISTING_ALERTS_ID,
  isNewsSince,
  newsSince,
  nextAlertAllowedAt,
  parseListingAlertSettings,
  propertySummary,
} from '../../../src-shared/listings/alerts';
import type { MatchCriteria } from '../../../src-shared/listings/match';
import { canMatch, criteriaOf } from '../../../src-shared/listings/match';
import type { ListingIndex } from '../../../src-shared/listings/match-index';
import type { CoreContext } from '../context';
import { suppressedChannels } from '../enrollments/enroll';
import { enrollLead } from '../enrollments/materialise';
import { messagesByLead } from '../scoring/rescore';
import { listingIndexOf } from './listing-book';
import { preferencesOf } from './lead-matches';

const PAGE = 500;
const SIDE_BY_SIDE = 32;
/** Homes an alert carries at most (the email shows the first three as cards). */
const ALERT_HOMES = 12;

export async function readAlertSettings(ctx: CoreContext): Promise<ListingAlertSettings> {
  return parseListingAlertSettings((await ctx.db.settings.findOne(LISTING_ALERTS_ID).exec())?.value);
}

export async function writeAlertSettings(ctx: CoreContext, settings: ListingAlertSettings): Promise<void> {
  await ctx.db.settings.upsert({
    id: LISTING_ALERTS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: settings,
  });
}

export function isAlertSequence(sequence: Pick<Sequence, 'trigger'>): boolean {
  return sequence.trigger.type === 'property_alert';
}

async function alertSequences(ctx: CoreContext): Promise<Sequence[]> {
  return (await ctx.db.sequences.find().exec()).map((doc) => doc.toMutableJSON()).filter(isAlertSequence);
}

/** When each lead's newest alert started (their newest enrollment in an alert sequence). */
function lastAlerts(
  enrollments: readonly Enrollment[],
  sequenceIds: ReadonlySet<string>,
): Map<string, number> {
  const last = new Map<string, number>();
  for (const run of enrollments) {
    if (!sequenceIds.has(run.sequenceId)) continue;
    last.set(run.leadId, Math.max(last.get(run.leadId) ?? 0, run.startedAt));
  }
  return last;
}

export interface AlertNews {
  criteria: MatchCriteria;
  homes: HomeMatch[];
  summary: string;
}

/** PA1, PA3: the news among `news` for this lead since `since`, best first. */
function newsFor(
  index: ListingIndex,
  criteria: MatchCriteria,
  lead: Lead,
  since: number,
  now: number,
): AlertNews | null {
  if (!canMatch(criteria)) return null;
  const sent = new Set((lead.homesSent ?? []).map((home) => home.listingId));
  const homes = index
    .matchesFor(criteria, now, sent, ALERT_HOMES * 4)
    .filter((match) => isNewsSince(match.listing, since))
    .slice(0, ALERT_HOMES)
    .map((match) => ({ listing: match.listing, reasons: match.reasons }));
  if (homes.length === 0) return null;
  return {
    criteria,
    homes,
    summary: propertySummary(
      homes.map((home) => home.listing),
      criteria,
    ),
  };
}

function newsIndex(index: ListingIndex, now: number): ListingIndex {
  const since = newsSince(now, undefined);
  return index.subset((listing) => isNewsSince(listing, since));
}

/**
 * The news an alert message carries when it leaves: homes marked after the lead's alert before
 * this one (`startedAt` is this alert's; undefined: a preview or a message outside an alert).
 */
export async function alertNewsFor(
  ctx: CoreContext,
  lead: Lead,
  startedAt: number | undefined,
): Promise<AlertNews | null> {
  const now = ctx.clock.now();
  const ids = new Set((await alertSequences(ctx)).map((s) => s.id));
  const runs = (await ctx.db.enrollments.find({ selector: { leadId: lead.id } }).exec())
    .map((doc) => doc.toMutableJSON())
    .filter((run) => startedAt === undefined || run.startedAt < startedAt);
  const previous = lastAlerts(runs, ids).get(lead.id);
  const index = await listingIndexOf(ctx);
  const messages = (await messagesByLead(ctx, [lead.id])).get(lead.id) ?? [];
  const criteria = criteriaOf(await preferencesOf(ctx, lead, messages, index.cities()));
  return newsFor(newsIndex(index, now), criteria, lead, newsSince(startedAt ?? now, previous), now);
}

/**
 * A lead the alert's first step cannot reach (suppressed on its channel and every fallback, or
 * without the address it needs) is not enrolled: no alert that could only be skipped.
 */
async function isUnreachable(ctx: CoreContext, lead: Lead, sequence: Sequence): Promise<boolean> {
  const suppressed = await suppressedChannels(ctx, lead);
  const first = sequence.steps[0];
  if (suppressed.has('all') || first === undefined) return true;
  const hasAddress = (channel: Channel): boolean =>
    channel === 'email'
      ? lead.email !== undefined
      : channel === 'sms' || channel === 'whatsapp'
        ? lead.phone !== undefined
        : true;
  const channels = [first.channel, ...(first.fallback ?? [])];
  return channels.every((channel) => suppressed.has(channel) || !hasAddress(channel));
}

export interface AlertScan {
  enrolled: number;
  /** When a lead held back by PA2 may have its alert: the next scan is due then. */
  nextScanAt: number | undefined;
}

/** Enrolls every lead that has news and may have an alert now (PA1..PA3). */
export async function scanPropertyAlerts(ctx: CoreContext): Promise<AlertScan> {
  const result: AlertScan = { enrolled: 0, nextScanAt: undefined };
  const sequences = await alertSequences(ctx);
  const active = sequences.find((sequence) => sequence.status === 'active');
  if (active === undefined) return result;
  const now = ctx.clock.now();
  const index = await listingIndexOf(ctx);
  const news = newsIndex(index, now);
  if (news.size === 0) return result;
  const settings = await readAlertSettings(ctx);
  const ids = new Set(sequences.map((s) => s.id));
  for (let skip = 0; ; skip += PAGE) {
    const page = (
      await ctx.db.leads
        .find({
          selector: { deletedAt: 0 },
          sort: [{ deletedAt: 'asc' }, { createdAt: 'asc' }],
          skip,
          limit: PAGE,
        })
        .exec()
    ).map((doc) => doc.toMutableJSON());
    const leadIds = page.map((lead) => lead.id);
    const runs = (await ctx.db.enrollments.find({ selector: { leadId: { $in: leadIds } } }).exec()).map(
      (doc) => doc.toMutableJSON(),
    );
    const last = lastAlerts(runs, ids);
    const messages = await messagesByLead(ctx, leadIds);
    const alertOne = async (lead: Lead): Promise<void> => {
      const previous = last.get(lead.id);
      const criteria = criteriaOf(
        await preferencesOf(ctx, lead, messages.get(lead.id) ?? [], index.cities()),
      );
      const found = newsFor(news, criteria, lead, newsSince(now, previous), now);
      if (found === null) return;
      const allowedAt = nextAlertAllowedAt(previous, settings);
      if (allowedAt > now) {
        // PA2: the news waits for the end of the window.
        result.nextScanAt = Math.min(result.nextScanAt ?? allowedAt, allowedAt);
        return;
      }
      if (await isUnreachable(ctx, lead, active)) return;
      const outcome = await enrollLead(ctx, lead, active, { reason: found.summary });
      if ('enrolled' in outcome) result.enrolled += 1;
    };
    // Leads side by side, a group at a time: the store commits a turn's writes together.
    for (let at = 0; at < page.length; at += SIDE_BY_SIDE)
      await Promise.all(page.slice(at, at + SIDE_BY_SIDE).map(alertOne));
    if (page.length < PAGE) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return result;
}
