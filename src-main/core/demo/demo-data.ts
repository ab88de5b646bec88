// The first-run workspace: a few hundred realistic, fictional leads with histories, so the
// app is alive at once. Every record is `demo: true`; phones are NANP fictional numbers
// (555-0100..555-0199) and emails use example.com, so nothing here can reach a real person.
import type { Lead, LeadIntent, LeadSource, LeadStage, Message, Task } from '../../../src-shared/domain';

const firstNames = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Mateo',
  'Sophia',
  'Elijah',
  'Isabella',
  'Lucas',
  'Mia',
  'Levi',
  'Amelia',
  'Ezra',
  'Harper',
  'Asher',
  'Evelyn',
  'James',
  'Luna',
  'Leo',
  'Camila',
  'Grayson',
  'Gianna',
  'Jack',
  'Aria',
  'Kai',
  'Priya',
  'Wei',
  'Fatima',
  'Diego',
];
const lastNames = [
  'Nguyen',
  'Garcia',
  'Smith',
  'Johnson',
  'Patel',
  'Williams',
  'Brown',
  'Kim',
  'Jones',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Moore',
  'Jackson',
  'Lee',
  'Okafor',
];
/** Area code, a ZIP in it, its state and a street for the address. */
const markets = [
  { area: '305', zip: '33131', state: 'FL', city: 'Miami' },
  { area: '813', zip: '33602', state: 'FL', city: 'Tampa' },
  { area: '212', zip: '10016', state: 'NY', city: 'New York' },
  { area: '312', zip: '60614', state: 'IL', city: 'Chicago' },
  { area: '405', zip: '73102', state: 'OK', city: 'Oklahoma City' },
  { area: '512', zip: '78704', state: 'TX', city: 'Austin' },
  { area: '602', zip: '85004', state: 'AZ', city: 'Phoenix' },
  { area: '720', zip: '80202', state: 'CO', city: 'Denver' },
  { area: '206', zip: '98109', state: 'WA', city: 'Seattle' },
  { area: '415', zip: '94110', state: 'CA', city: 'San Francisco' },
  { area: '617', zip: '02116', state: 'MA', city: 'Boston' },
  { area: '404', zip: '30308', state: 'GA', city: 'Atlanta' },
] as const;
const streets = [
  'Maple Ave',
  'Oak St',
  'Harbor Dr',
  'Sunset Blvd',
  'Pine Ridge Rd',
  'Elm Ct',
  'Lakeview Ter',
];
const stageWeights: [LeadStage, number][] = [
  ['new', 30],
  ['contacted', 22],
  ['qualified', 14],
  ['appointment', 8],
  ['under_contract', 4],
  ['closed', 6],
  ['lost', 8],
  ['nurture', 8],
];
const sourceWeights: [LeadSource, number][] = [
  ['zillow', 25],
  ['realtor_com', 15],
  ['website', 20],
  ['referral', 10],
  ['facebook', 12],
  ['open_house', 8],
  ['follow_up_boss', 6],
  ['manual', 4],
];
const intentWeights: [LeadIntent, number][] = [
  ['buy', 55],
  ['sell', 25],
  ['both', 8],
  ['rent', 5],
  ['unknown', 7],
];
const inquiries = [
  'Is the 3-bed on {street} still available? Could we see it this weekend?',
  'We are pre-approved up to ${price}k and want to move before school starts.',
  'Thinking about selling our home in {city} next spring. What is it worth?',
  'Just browsing for now, maybe next year.',
  'Can you send me similar listings with a yard?',
  'What are the HOA fees for this one?',
];

/** mulberry32: a small, fast seeded generator, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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

const DAY = 86_400_000;

export interface DemoOptions {
  now: number;
  teamId: string;
  agentId: string;
  count?: number;
  seed?: number;
}

/** Builds the demo records; time zones are derived by the caller (core's deriveTimeZone). */
export function buildDemoWorkspace(options: DemoOptions): DemoWorkspace {
  const random = seededRandom(options.seed ?? 20_261_123);
  const count = Math.min(options.count ?? 300, markets.length * 100);
  const { now, teamId, agentId } = options;
  const leads: Lead[] = [];
  const messages: Message[] = [];
  const tasks: Task[] = [];
  const owned = { teamId, ownerId: agentId };
  for (let i = 0; i < count; i++) {
    const market = markets[i % markets.length] ?? markets[0];
    const firstName = pick(random, firstNames);
    const lastName = pick(random, lastNames);
    const line = String(100 + Math.floor(i / markets.length)).padStart(4, '0');
    const stage = weighted(random, stageWeights);
    const createdAt = now - Math.floor(random() * 120 * DAY);
    const touched = stage !== 'new' || random() < 0.3;
    const lastContactAt = touched ? Math.min(now, createdAt + Math.floor(random() * (now - createdAt))) : 0;
    const price = 250 + Math.floor(random() * 30) * 25;
    const id = `demo-lead-${String(i + 1).padStart(4, '0')}`;
    const street = `${100 + Math.floor(random() * 9000)} ${pick(random, streets)}`;
    const lead: Lead = {
      id,
      ...owned,
      updatedAt: now,
      firstName,
      lastName,
      nameKey: `${firstName} ${lastName}`.toLowerCase(),
      email: `${firstName}.${lastName}${i + 1}@example.com`.toLowerCase(),
      phone: `+1${market.area}555${line}`,
      address: { street, city: market.city, state: market.state, zip: market.zip, country: 'US' },
      timeZone: '',
      timeZoneSource: 'unknown',
      stage,
      source: weighted(random, sourceWeights),
      intent: weighted(random, intentWeights),
      score: 0,
      temperature: 'cold',
      tags: random() < 0.25 ? ['first-time buyer'] : random() < 0.2 ? ['investor'] : [],
      priceMin: price * 1000,
      priceMax: (price + 75) * 1000,
      consent: { sms: 'granted', whatsapp: 'unknown', email: 'granted' },
      createdAt,
      lastContactAt,
      deletedAt: 0,
      demo: true,
    };
    if (lastContactAt > 0 && stage !== 'closed' && stage !== 'lost') {
      lead.nextFollowUpAt = now + Math.floor((random() - 0.3) * 10 * DAY);
    }
    leads.push(lead);
    const inquiry = pick(random, inquiries)
      .replace('{street}', street)
      .replace('{city}', market.city)
      .replace('${price}', String(price));
    messages.push(demoMessage(`${id}-m1`, lead, 'inbound', 'email', inquiry, createdAt));
    if (touched) {
      messages.push(
        demoMessage(
          `${id}-m2`,
          lead,
          'outbound',
          'sms',
          `Hi ${firstName}, thanks for reaching out! When is a good time to talk?`,
          createdAt + 60_000,
        ),
      );
      if (random() < 0.5) {
        messages.push(
          demoMessage(`${id}-m3`, lead, 'inbound', 'sms', 'Tomorrow after 5 works for me.', lastContactAt),
        );
        lead.lastInboundAt = lastContactAt;
      }
    }
    if (lead.nextFollowUpAt !== undefined) {
      tasks.push({
        id: `${id}-t1`,
        ...owned,
        updatedAt: now,
        leadId: id,
        kind: 'call',
        title: `Call ${firstName} ${lastName}`,
        dueAt: lead.nextFollowUpAt,
        status: 'open',
        demo: true,
      });
    }
  }
  return { leads, messages, tasks };
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
