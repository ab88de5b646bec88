// What a lead's record and touches tell the score, gathered once: the content reading, the
// engagement (replies, opens, clicks, property views, repeat inquiries; each weighed by how
// recent it is), how fast the lead answers, when they last inquired or acted, and how well
// their profile and price fit the team's market. A function of its inputs and `now` only;
// the order the messages arrive in does not matter.
import type { Lead, LeadSource, Message } from '../domain';
import type { ScoringSettings } from './config';
import type { ContentReading } from './content';
import { EMPTY_READING, readContent, textsInOrder, upTo } from './content';

export interface EngagementCounts {
  inbound: number;
  outbound: number;
  replies: number;
  opens: number;
  clicks: number;
  propertyViews: number;
  inquiries: number;
}

export interface LeadSignals {
  source: LeadSource;
  content: ContentReading;
  /** Engagement amounts, each event weighted 0.5^(age / half-life): recent events count more. */
  engagement: Omit<EngagementCounts, 'inbound' | 'outbound'>;
  /** Plain counts, for the words of an explanation and for confidence. */
  counts: EngagementCounts;
  /** Median minutes between our message and the lead's reply; null when they never replied. */
  replyMinutes: number | null;
  lastInquiryAt: number;
  lastActivityAt: number;
  /** Share of the profile that is filled: phone, email, full name, area, price range, intent. */
  profile: number;
  /** 1 = the lead's price range sits inside the team's band; null when either is unknown. */
  priceFit: number | null;
  /** The lead has a price range (so a null priceFit means the team has not set its market). */
  hasBudget: boolean;
  /** 1 = the lead's city or ZIP is one of the team's areas; null when either is unknown. */
  areaFit: number | null;
  /** The AI's reading of how serious the lead is, 0..1; null without AI. */
  ai: number | null;
}

type SignalLead = Pick<
  Lead,
  | 'source'
  | 'phone'
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'address'
  | 'priceMin'
  | 'priceMax'
  | 'intent'
  | 'createdAt'
  | 'lastInboundAt'
> &
  Partial<Pick<Lead, 'propertyViews' | 'notes'>>;

type SignalMessage = Pick<
  Message,
  'id' | 'direction' | 'channel' | 'status' | 'createdAt' | 'body' | 'subject' | 'openedAt' | 'clickedAt'
>;

const DAY_MS = 86_400_000;
/** Statuses of an outbound touch the lead could have seen. */
const reachedStatuses = new Set(['sent', 'delivered', 'logged', 'uncertain']);
/** Phone, email, full name, area, price range, intent. */
const PROFILE_PARTS = 6;

function decay(at: number, now: number, halfLifeDays: number): number {
  const ageDays = Math.max(0, now - at) / DAY_MS;
  return Math.pow(0.5, ageDays / halfLifeDays);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

export function extractSignals(
  lead: SignalLead,
  messages: readonly SignalMessage[],
  now: number,
  settings: ScoringSettings,
  ai: number | null = null,
): LeadSignals {
  const halfLife = settings.halfLifeDays;
  const ordered = upTo(messages, now);
  const counts: EngagementCounts = {
    inbound: 0,
    outbound: 0,
    replies: 0,
    opens: 0,
    clicks: 0,
    propertyViews: lead.propertyViews ?? 0,
    inquiries: 0,
  };
  const engagement = { replies: 0, opens: 0, clicks: 0, propertyViews: counts.propertyViews, inquiries: 0 };
  const replyMinutes: number[] = [];
  let lastOutboundAt: number | null = null;
  let lastInquiryAt = lead.createdAt;
  let lastActivityAt = Math.max(lead.createdAt, lead.lastInboundAt ?? 0);
  for (const m of ordered) {
    if (m.channel === 'note') continue;
    if (m.direction === 'outbound') {
      if (!reachedStatuses.has(m.status) && m.openedAt === undefined) continue;
      counts.outbound++;
      lastOutboundAt = m.createdAt;
      if (m.openedAt !== undefined && m.openedAt <= now) {
        counts.opens++;
        engagement.opens += decay(m.openedAt, now, halfLife);
        lastActivityAt = Math.max(lastActivityAt, m.openedAt);
      }
      if (m.clickedAt !== undefined && m.clickedAt <= now) {
        counts.clicks++;
        engagement.clicks += decay(m.clickedAt, now, halfLife);
        lastActivityAt = Math.max(lastActivityAt, m.clickedAt);
      }
      continue;
    }
    counts.inbound++;
    lastActivityAt = Math.max(lastActivityAt, m.createdAt);
    const weight = decay(m.createdAt, now, halfLife);
    if (lastOutboundAt === null) {
      counts.inquiries++;
      engagement.inquiries += weight;
      lastInquiryAt = Math.max(lastInquiryAt, m.createdAt);
    } else {
      counts.replies++;
      engagement.replies += weight;
      replyMinutes.push((m.createdAt - lastOutboundAt) / 60_000);
    }
    // The next inbound is a reply only if we write again first.
    lastOutboundAt = null;
  }
  const texts = textsInOrder(lead, ordered);
  return {
    source: lead.source,
    content: texts.length === 0 ? { ...EMPTY_READING } : readContent(texts),
    engagement,
    counts,
    replyMinutes: median(replyMinutes),
    lastInquiryAt,
    lastActivityAt,
    profile: profileCompleteness(lead),
    priceFit: priceFit(lead.priceMin, lead.priceMax, settings.market.priceMin, settings.market.priceMax),
    hasBudget: lead.priceMin !== undefined || lead.priceMax !== undefined,
    areaFit: areaFit(lead.address, settings.market.areas),
    ai,
  };
}

function profileCompleteness(lead: SignalLead): number {
  let filled = 0;
  if (lead.phone !== undefined) filled++;
  if (lead.email !== undefined) filled++;
  if (lead.firstName !== '' && lead.lastName !== '') filled++;
  if (lead.address?.city !== undefined || lead.address?.zip !== undefined) filled++;
  if (lead.priceMin !== undefined || lead.priceMax !== undefined) filled++;
  if (lead.intent !== 'unknown') filled++;
  return filled / PROFILE_PARTS;
}

/** Share of the lead's range inside the band; a single price scores by its distance from it. */
export function priceFit(
  leadMin: number | undefined,
  leadMax: number | undefined,
  bandMin: number | undefined,
  bandMax: number | undefined,
): number | null {
  if (leadMin === undefined && leadMax === undefined) return null;
  if (bandMin === undefined && bandMax === undefined) return null;
  const lo = Math.min(leadMin ?? leadMax ?? 0, leadMax ?? leadMin ?? 0);
  const hi = Math.max(leadMin ?? leadMax ?? 0, leadMax ?? leadMin ?? 0);
  const bLo = bandMin ?? 0;
  const bHi = bandMax ?? Number.POSITIVE_INFINITY;
  if (hi > lo) {
    const overlap = Math.max(0, Math.min(hi, bHi) - Math.max(lo, bLo));
    if (overlap > 0) return overlap / (hi - lo);
  }
  const distance = lo > bHi ? lo - bHi : hi < bLo ? bLo - hi : 0;
  const scale = Math.max(1, 0.25 * (Number.isFinite(bHi) ? (bLo + bHi) / 2 : bLo));
  return Math.exp(-distance / scale);
}

/** The team's areas, lower-cased once per list (settings are read, never changed in place). */
const areaSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function areaFit(address: Lead['address'], areas: readonly string[]): number | null {
  if (areas.length === 0 || address === undefined) return null;
  if (address.city === undefined && address.zip === undefined) return null;
  let wanted = areaSets.get(areas);
  if (wanted === undefined) {
    wanted = new Set(areas.map((a) => a.toLowerCase()));
    areaSets.set(areas, wanted);
  }
  return (address.city !== undefined && wanted.has(address.city.toLowerCase())) ||
    (address.zip !== undefined && wanted.has(address.zip.toLowerCase()))
    ? 1
    : 0;
}
