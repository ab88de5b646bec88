// What an agent wants to know about a lead before calling, each with its evidence and where
// it came from (rules, or AI when an AI reading supplied it): budget, timeline, areas,
// property type, pre-approval, the channel and hours they answer on (learned from when they
// reply) and a one-line summary of every touch. Pure: texts, the lead and `now` in, facts out.
import type { Lead, Message, MessageChannel } from '../domain';
import { upTo } from './content';
import { ago } from './explain';

export type InsightSource = 'rules' | 'ai' | 'profile';

export interface Insight<T> {
  value: T;
  evidence: string[];
  source: InsightSource;
}

export interface Budget {
  min?: number | undefined;
  max?: number | undefined;
}

export type Urgency = 'now' | 'soon' | 'later';

export interface TouchSummary {
  id: string;
  at: number;
  direction: 'inbound' | 'outbound';
  channel: MessageChannel;
  status: string;
  summary: string;
}

// A unit must end its word: "about 3 months" is not "$3m".
const money = String.raw`\$?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(k|m|million|thousand)\b)?`;
const rangePattern = new RegExp(String.raw`(?:between\s+)?${money}\s*(?:-|to|and)\s*${money}`, 'i');
const capPattern = new RegExp(
  String.raw`\b(up to|under|below|max(?:imum)?|no more than|around|about|budget(?: is| of)?|approved (?:up to|for)|pre-?approved(?: for| up to| at)?)\s+${money}`,
  'i',
);

/** "450k" -> 450000, "1.2m" -> 1200000, "$450,000" -> 450000; amounts under 1,000 without a unit read as thousands. */
export function parseAmount(digits: string, unit: string | undefined): number | null {
  const value = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(value) || value <= 0) return null;
  const u = unit?.toLowerCase();
  if (u === 'k' || u === 'thousand') return value * 1000;
  if (u === 'm' || u === 'million') return value * 1_000_000;
  if (value < 1000) return value * 1000;
  return value;
}

function plausible(amount: number | null): amount is number {
  return amount !== null && amount >= 20_000 && amount <= 100_000_000;
}

export function readBudget(texts: readonly string[]): Insight<Budget> | null {
  for (const text of texts) {
    const range = rangePattern.exec(text);
    if (range !== null && (range[2] !== undefined || range[4] !== undefined || text.includes('$'))) {
      const lo = parseAmount(range[1] ?? '', range[2] ?? range[4]);
      const hi = parseAmount(range[3] ?? '', range[4]);
      if (plausible(lo) && plausible(hi) && lo < hi)
        return { value: { min: lo, max: hi }, evidence: [range[0]], source: 'rules' };
    }
    const cap = capPattern.exec(text);
    if (cap !== null) {
      const amount = parseAmount(cap[2] ?? '', cap[3]);
      if (plausible(amount)) {
        const around = /around|about/i.test(cap[1] ?? '');
        const value: Budget = around
          ? { min: Math.round(amount * 0.9), max: Math.round(amount * 1.1) }
          : { max: amount };
        return { value, evidence: [cap[0]], source: 'rules' };
      }
    }
  }
  return null;
}

const urgencyRules: [Urgency, RegExp][] = [
  [
    'now',
    /\b(asap|urgent(ly)?|right away|immediately|this week(end)?|today|tomorrow|need to move|lease (ends|is up))\b/i,
  ],
  [
    'soon',
    /\b(next (week|month)|in (\d+|a few|a couple of|two|three|four|five|six) weeks|in (about |around )?([1-3]|a few|a couple of|two|three) months|within (\d+|a|two|three) (days?|weeks?)|within (a|[1-3]|two|three) months?|before school|by (january|february|march|april|may|june|july|august|september|october|november|december|the end of \w+))\b/i,
  ],
  [
    'later',
    /\b(next (spring|summer|fall|autumn|winter|year)|(in|within) (about |around )?([4-9]|1\d|four|five|six|seven|eight|nine|ten|eleven|twelve) months|just (browsing|looking)|no rush|maybe next year|down the road)\b/i,
  ],
];

export function readTimeline(texts: readonly string[]): Insight<Urgency> | null {
  for (const [urgency, pattern] of urgencyRules) {
    for (const text of texts) {
      const match = pattern.exec(text);
      if (match !== null) return { value: urgency, evidence: [match[0]], source: 'rules' };
    }
  }
  return null;
}

const propertyTypes: [string, RegExp][] = [
  ['condo', /\b(condo(minium)?s?)\b/i],
  ['townhouse', /\b(town ?(house|home)s?)\b/i],
  ['multi-family', /\b(multi-?family|duplex|triplex|fourplex)\b/i],
  ['land', /\b(land|lot|acreage)\b/i],
  ['apartment', /\b(apartments?)\b/i],
  ['single-family', /\b(single[- ]family|\d[- ]?(bed|bedroom|br)\b|house|home with a yard)\b/i],
];

export function readPropertyType(texts: readonly string[]): Insight<string> | null {
  for (const [type, pattern] of propertyTypes) {
    for (const text of texts) {
      const match = pattern.exec(text);
      if (match !== null) return { value: type, evidence: [match[0]], source: 'rules' };
    }
  }
  return null;
}

export type PreApproval = 'pre_approved' | 'cash' | 'not_yet';

export function readPreApproval(texts: readonly string[]): Insight<PreApproval> | null {
  const rules: [PreApproval, RegExp][] = [
    [
      'not_yet',
      /\b(not (yet )?pre-?approved|need (a|to find a) lender|haven'?t (talked to|got) a lender)\b/i,
    ],
    ['cash', /\b(cash buyer|paying cash|all cash|cash offer)\b/i],
    [
      'pre_approved',
      /\b(pre-?approved|pre-?approval letter|approved for (a )?(loan|mortgage)|pre-?qualified)\b/i,
    ],
  ];
  for (const [value, pattern] of rules) {
    for (const text of texts) {
      const match = pattern.exec(text);
      if (match !== null) return { value, evidence: [match[0]], source: 'rules' };
    }
  }
  return null;
}

const notPlaces =
  /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|My|Our|Your|This|That|Spring|Summer|Fall|Winter)$/;

export function readAreas(
  texts: readonly string[],
  lead: Pick<Lead, 'address'>,
  teamAreas: readonly string[],
): Insight<string[]> | null {
  const areas: string[] = [];
  const evidence: string[] = [];
  const add = (area: string, why: string): void => {
    if (areas.some((a) => a.toLowerCase() === area.toLowerCase())) return;
    areas.push(area);
    evidence.push(why);
  };
  for (const text of texts) {
    for (const area of teamAreas) {
      if (new RegExp(String.raw`\b${area.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`, 'i').test(text))
        add(area, `mentioned "${area}"`);
    }
    for (const match of text.matchAll(/\b(?:in|near|around)\s+((?:[A-Z][a-z]+)(?:\s[A-Z][a-z]+){0,2})/g)) {
      const place = match[1] ?? '';
      if (!notPlaces.test(place.split(' ')[0] ?? '')) add(place, match[0]);
    }
  }
  if (lead.address?.city !== undefined) add(lead.address.city, `their address: ${lead.address.city}`);
  return areas.length === 0
    ? null
    : { value: areas.slice(0, 5), evidence: evidence.slice(0, 5), source: 'rules' };
}

export interface ReplyPattern {
  channel: MessageChannel;
  /** Local hours [from, to) in the lead's time zone when they answer most; null with too few replies. */
  hours: { from: number; to: number } | null;
}

function localHour(at: number, timeZone: string): number {
  try {
    const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at);
    return Number(hour) % 24;
  } catch {
    return new Date(at).getUTCHours();
  }
}

/** The channel the lead writes on most and the three-hour window they write in most. */
export function readReplyPattern(
  inbound: readonly Pick<Message, 'channel' | 'createdAt'>[],
  timeZone: string,
): Insight<ReplyPattern> | null {
  const touches = inbound.filter((m) => m.channel !== 'note');
  if (touches.length === 0) return null;
  const byChannel = new Map<MessageChannel, number>();
  for (const m of touches) byChannel.set(m.channel, (byChannel.get(m.channel) ?? 0) + 1);
  const [channel, used] = [...byChannel.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  )[0] ?? ['sms', 0];
  const evidence = [`${used} of ${touches.length} messages by ${channel}`];
  let hours: ReplyPattern['hours'] = null;
  if (touches.length >= 2) {
    const perHour = new Array<number>(24).fill(0);
    for (const m of touches) {
      const h = localHour(m.createdAt, timeZone);
      perHour[h] = (perHour[h] ?? 0) + 1;
    }
    let best = 0;
    let bestCount = -1;
    for (let h = 0; h < 24; h++) {
      const count = (perHour[h] ?? 0) + (perHour[(h + 1) % 24] ?? 0) + (perHour[(h + 2) % 24] ?? 0);
      if (count > bestCount) [best, bestCount] = [h, count];
    }
    hours = { from: best, to: (best + 3) % 24 };
    const pad = (h: number): string => `${String(h).padStart(2, '0')}:00`;
    evidence.push(
      `${bestCount} of ${touches.length} between ${pad(best)} and ${pad((best + 3) % 24)} their time`,
    );
  }
  return { value: { channel, hours }, evidence, source: 'rules' };
}

/** At most this many touches are summarised (the latest). */
export const MAX_TOUCHES = 200;

export function summariseTouches(messages: readonly Message[], now: number): TouchSummary[] {
  return upTo(messages, Number.POSITIVE_INFINITY)
    .slice(-MAX_TOUCHES)
    .map((m) => {
      const text = (m.subject ?? m.body).replace(/\s+/g, ' ').trim();
      const who = m.direction === 'inbound' ? 'They' : m.authoredBy === 'human' ? 'You' : 'Porchlight';
      const verb =
        m.channel === 'call'
          ? 'called'
          : m.channel === 'note'
            ? 'noted'
            : `sent ${m.channel === 'email' ? 'an email' : `a ${m.channel === 'sms' ? 'text' : m.channel}`}`;
      const clipped = text.length > 80 ? `${text.slice(0, 77)}...` : text;
      return {
        id: m.id,
        at: m.createdAt,
        direction: m.direction,
        channel: m.channel,
        status: m.status,
        summary: `${who} ${verb} ${ago(now - m.createdAt)}${clipped === '' ? '' : `: "${clipped}"`} (${m.status})`,
      };
    });
}
