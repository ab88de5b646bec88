// A generated book of leads with a known true model: leads and their touches vary widely
// (sources, asks, replies, opens, clicks, ages, budgets), and each lead's outcome is drawn
// from a logistic model over the scoring features with weights chosen here. Training should
// then recover the ranking: its held-out AUC should approach the true model's own AUC.
import type { Lead, LeadSource, Message } from '../../src-shared/domain';
import { leadSources } from '../../src-shared/domain';
import { seededRandom } from '../../src-shared/seeded-random';
import type { OutcomeRow, ScoringSettings } from '../../src-shared/scoring';
import { extractSignals, F, FEATURE_COUNT, writeFeatures } from '../../src-shared/scoring';
import { DAY, HOUR, makeLead, MINUTE } from '../../src-shared/scoring/test-fixtures';

const inquiries = [
  'Is the 3-bed on Oak St still available? Could we see it this weekend?',
  'We are pre-approved up to $450k and want to move before school starts.',
  'Thinking about selling our home next spring. What is it worth?',
  'Just browsing for now, maybe next year.',
  'Can you send me similar listings with a yard?',
  'What are the HOA fees for this one? What is the price history?',
  'Need to move ASAP, relocating for work. Cash buyer.',
  'Hello',
];
const replies = [
  'Tomorrow after 5 works for me.',
  'Yes please',
  'Can we tour it Saturday?',
  'ok thanks',
  'Not ready yet',
];

export interface SyntheticBook {
  leads: Lead[];
  messages: Message[];
}

export function generateBook(count: number, now: number, seed = 7): SyntheticBook {
  const random = seededRandom(seed);
  const leads: Lead[] = [];
  const messages: Message[] = [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] ?? (items[0] as T);
  for (let i = 0; i < count; i++) {
    const id = `syn-${String(i).padStart(6, '0')}`;
    const createdAt = now - Math.floor(random() * 120 * DAY);
    const price = 200_000 + Math.floor(random() * 40) * 25_000;
    const source: LeadSource = pick(leadSources);
    const lead = makeLead({
      id,
      source,
      createdAt,
      ...(random() < 0.7 ? { priceMin: price, priceMax: price + 75_000 } : {}),
      ...(random() < 0.8 ? { phone: '+13125550100' } : {}),
      ...(random() < 0.8 ? { email: `${id}@example.com` } : {}),
      ...(random() < 0.3 ? { propertyViews: Math.floor(random() * 8) } : {}),
    });
    leads.push(lead);
    let at = createdAt;
    let n = 0;
    const message = (direction: 'inbound' | 'outbound', body: string, extra: Partial<Message> = {}): void => {
      messages.push({
        id: `${id}-m${n++}`,
        teamId: 'team',
        ownerId: 'agent',
        updatedAt: at,
        leadId: id,
        direction,
        channel: random() < 0.5 ? 'sms' : 'email',
        status: direction === 'inbound' ? 'received' : 'delivered',
        createdAt: at,
        body,
        attempt: 0,
        authoredBy: direction === 'inbound' ? 'lead' : 'template',
        statusHistory: [],
        demo: false,
        ...extra,
      });
    };
    message('inbound', pick(inquiries));
    const rounds = Math.floor(random() * 4);
    for (let r = 0; r < rounds && at < now - HOUR; r++) {
      at += Math.floor(random() * 2 * DAY) + MINUTE;
      if (at > now) break;
      const opened = random() < 0.5;
      const clicked = opened && random() < 0.4;
      message('outbound', 'Here are a few homes you might like', {
        ...(opened ? { openedAt: Math.min(now, at + HOUR) } : {}),
        ...(clicked ? { clickedAt: Math.min(now, at + 2 * HOUR) } : {}),
      });
      if (random() < 0.5) {
        at += Math.floor(random() * random() * 2 * DAY) + MINUTE;
        if (at > now) break;
        message('inbound', pick(replies));
      }
    }
  }
  return { leads, messages };
}

/** The true model: weights by feature name (the rest weigh 0) and an intercept. */
export const TRUE_WEIGHTS: Partial<Record<keyof typeof F, number>> = {
  ask_preapproval: 1.6,
  ask_showing: 1.2,
  ask_urgency: 1.0,
  ask_browsing: -2.0,
  replies: 2.4,
  clicks: 1.4,
  property_views: 0.8,
  source_quality: 2.5,
  reply_speed: 1.5,
  price_fit: 0.8,
};
export const TRUE_INTERCEPT = -3.2;

export function trueProbability(x: Float64Array): number {
  let z = TRUE_INTERCEPT;
  for (const [name, weight] of Object.entries(TRUE_WEIGHTS))
    z += weight * (x[F[name as keyof typeof F]] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** Features of every lead as of its last touch, and an outcome drawn from the true model. */
export function outcomeRowsOf(
  book: SyntheticBook,
  settings: ScoringSettings,
  seed = 11,
): { rows: OutcomeRow[]; truth: number[] } {
  const random = seededRandom(seed);
  const byLead = new Map<string, Message[]>();
  for (const m of book.messages) {
    const list = byLead.get(m.leadId);
    if (list === undefined) byLead.set(m.leadId, [m]);
    else list.push(m);
  }
  const rows: OutcomeRow[] = [];
  const truth: number[] = [];
  for (const lead of book.leads) {
    const touches = byLead.get(lead.id) ?? [];
    const asOf = Math.max(lead.createdAt, ...touches.map((m) => m.createdAt));
    const x = writeFeatures(
      extractSignals(lead, touches, asOf, settings),
      asOf,
      settings,
      new Float64Array(FEATURE_COUNT),
    );
    const p = trueProbability(x);
    truth.push(p);
    rows.push({ id: lead.id, x, won: random() < p, hasAi: false });
  }
  return { rows, truth };
}
