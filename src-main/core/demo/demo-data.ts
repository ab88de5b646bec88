// The first-run workspace: a few hundred realistic, fictional leads with histories, so the
// app is alive at once. Every record is `demo: true`; phones are NANP fictional numbers
// (555-0100..555-0199) and emails use example.com, so nothing here can reach a real person.
import type { Lead, LeadStage, Message, Task } from '../../../src-shared/domain';
import { seededRandom } from '../../../src-shared/seeded-random';
import {
  firstNames,
  inquiries,
  intentWeights,
  lastNames,
  markets,
  sourceWeights,
  stageWeights,
  streets,
} from './demo-catalog';

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weighted<T>(random: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return pick(random, items)[0];
}

export interface DemoWorkspace {
  leads: Lead[];
  messages: Message[];
  tasks: Task[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface DemoOptions {
  now: number;
  teamId: string;
  agentId: string;
  /** The profile's first name: the demo's texts are signed with it (and need none without). */
  agentFirstName?: string;
  count?: number;
  seed?: number;
}

type Warmth = 'hot' | 'warm' | 'cold';
const warmthWeights: [Warmth, number][] = [
  ['hot', 15],
  ['warm', 35],
  ['cold', 50],
];
/** How recent a lead of each warmth is, and how it engages. */
const profiles: Record<Warmth, { maxAgeDays: number; replyMinutes: [number, number]; views: number }> = {
  hot: { maxAgeDays: 10, replyMinutes: [2, 30], views: 8 },
  warm: { maxAgeDays: 60, replyMinutes: [60, 24 * 60], views: 3 },
  cold: { maxAgeDays: 180, replyMinutes: [0, 0], views: 0 },
};

const MAX_DEMO_LEADS = markets.length * 100;
const demoLeadId = (i: number): string => `demo-lead-${String(i + 1).padStart(4, '0')}`;

/** Every id a demo lead can have (for reading them by key: `demo` has no index). */
export function demoLeadIds(): string[] {
  return Array.from({ length: MAX_DEMO_LEADS }, (_, i) => demoLeadId(i));
}

/** Builds the demo records; time zones are derived by the caller (core's deriveTimeZone). */
export function buildDemoWorkspace(options: DemoOptions): DemoWorkspace {
  const random = seededRandom(options.seed ?? 20_261_123);
  const count = Math.min(options.count ?? 300, MAX_DEMO_LEADS);
  const { now, teamId, agentId } = options;
  const out: DemoWorkspace = { leads: [], messages: [], tasks: [] };
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  for (let i = 0; i < count; i++) {
    const market = markets[i % markets.length] ?? markets[0];
    const warmth = weighted(random, warmthWeights);
    const profile = profiles[warmth];
    const intent = weighted(random, intentWeights);
    const wants = intent === 'sell' ? 'sell' : 'buy';
    const firstName = pick(random, firstNames);
    const lastName = pick(random, lastNames);
    const createdAt = now - between(1, profile.maxAgeDays * 24) * 3_600_000;
    const price = 250 + between(0, 30) * 25;
    const street = `${between(100, 9999)} ${pick(random, streets)}`;
    const stage: LeadStage =
      warmth === 'cold'
        ? weighted(random, stageWeights)
        : pick(random, ['contacted', 'qualified', 'appointment']);
    const id = demoLeadId(i);
    const lead: Lead = {
      id,
      teamId,
      ownerId: agentId,
      updatedAt: now,
      firstName,
      lastName,
      nameKey: `${firstName} ${lastName}`.toLowerCase(),
      email: `${firstName}.${lastName}${i + 1}@example.com`.toLowerCase(),
      phone: `+1${market.area}555${String(100 + Math.floor(i / markets.length)).padStart(4, '0')}`,
      address: { street, city: market.city, state: market.state, zip: market.zip, country: 'US' },
      timeZone: '',
      timeZoneSource: 'unknown',
      stage,
      source: weighted(random, sourceWeights),
      intent,
      score: 0,
      temperature: 'cold',
      tags: random() < 0.25 ? ['first-time buyer'] : random() < 0.2 ? ['investor'] : [],
      priceMin: price * 1000,
      priceMax: (price + 75) * 1000,
      consent: { sms: 'granted', whatsapp: 'unknown', email: 'granted' },
      createdAt,
      lastContactAt: 0,
      deletedAt: 0,
      demo: true,
    };
    if (profile.views > 0) lead.propertyViews = between(1, profile.views);
    const say = (text: string): string =>
      text.replace('{street}', street).replace('{city}', market.city).replace('${price}', String(price));
    const inbound = (n: number, channel: 'sms' | 'email', text: string, at: number): void => {
      out.messages.push(demoMessage(`${id}-m${n}`, lead, 'inbound', channel, say(text), at));
      lead.lastInboundAt = Math.max(lead.lastInboundAt ?? 0, at);
      lead.lastContactAt = Math.max(lead.lastContactAt, at);
    };
    const outbound = (n: number, channel: 'sms' | 'email', text: string, at: number): Message => {
      const message = demoMessage(`${id}-m${n}`, lead, 'outbound', channel, text, at);
      out.messages.push(message);
      lead.lastContactAt = Math.max(lead.lastContactAt, at);
      return message;
    };

    inbound(1, 'email', pick(random, inquiries[warmth][wants]), createdAt);
    if (stage !== 'new' || warmth !== 'cold') {
      const email = outbound(
        2,
        'email',
        `Hi ${firstName}, thanks for your note! Here is what I found.`,
        createdAt + 2 * MINUTE,
      );
      outbound(
        3,
        'sms',
        options.agentFirstName === undefined || options.agentFirstName === ''
          ? `Hi ${firstName}, following up on your note. When is a good time to talk?`
          : `Hi ${firstName}, it's ${options.agentFirstName}. When is a good time to talk?`,
        createdAt + 3 * MINUTE,
      );
      if (warmth !== 'cold') {
        email.openedAt = createdAt + between(5, 120) * MINUTE;
        if (warmth === 'hot') email.clickedAt = email.openedAt + between(1, 10) * MINUTE;
        const replyAt = createdAt + 3 * MINUTE + between(...profile.replyMinutes) * MINUTE;
        inbound(
          4,
          'sms',
          warmth === 'hot' ? 'Yes! Tomorrow after 5 works. Please call me.' : 'Thanks, I will take a look.',
          replyAt,
        );
        if (warmth === 'hot' && random() < 0.6) {
          inbound(
            5,
            'email',
            pick(random, inquiries.hot[wants]),
            Math.min(now, replyAt + between(60, 600) * MINUTE),
          );
        }
      }
    }
    if (lead.lastContactAt > 0 && stage !== 'closed' && stage !== 'lost') {
      lead.nextFollowUpAt = now + Math.floor((random() - 0.3) * 10 * DAY);
      out.tasks.push({
        id: `${id}-t1`,
        teamId,
        ownerId: agentId,
        updatedAt: now,
        leadId: id,
        kind: 'call',
        title: `Call ${firstName} ${lastName}`,
        dueAt: lead.nextFollowUpAt,
        status: 'open',
        demo: true,
      });
    }
    out.leads.push(lead);
  }
  return out;
}

function demoMessage(
  id: string,
  lead: Lead,
  direction: 'inbound' | 'outbound',
  channel: 'sms' | 'email',
  body: string,
  at: number,
): Message {
  const status = direction === 'inbound' ? 'received' : 'delivered';
  return {
    id,
    teamId: lead.teamId,
    ownerId: lead.ownerId,
    updatedAt: at,
    leadId: lead.id,
    direction,
    channel,
    status,
    createdAt: at,
    body,
    attempt: 0,
    authoredBy: direction === 'inbound' ? 'lead' : 'template',
    statusHistory: [{ status, at }],
    demo: true,
  };
}
