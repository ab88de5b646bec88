// Many realistic leads quickly, for benchmarks: the shapes of the demo workspace, varied
// stages, sources and scores, without the per-lead time-zone lookups.
import type { Lead, LeadStage, Temperature } from '../../src-shared/domain';
import { leadSources, leadStages } from '../../src-shared/domain';
import { seededRandom } from '../../src-shared/seeded-random';

const firstNames = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sophia', 'Elijah', 'Priya', 'Wei'];
const lastNames = ['Nguyen', 'Garcia', 'Smith', 'Johnson', 'Patel', 'Kim', 'Okafor', 'Lopez', 'Lee', 'Brown'];
const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];

function temperatureOf(score: number): Temperature {
  return score >= 70 ? 'hot' : score >= 40 ? 'warm' : 'cold';
}

export function benchLeads(count: number, now: number, seed = 7): Lead[] {
  const random = seededRandom(seed);
  const leads: Lead[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = firstNames[i % firstNames.length] ?? 'Ann';
    const lastName = `${lastNames[Math.floor(random() * lastNames.length)] ?? 'Lee'}-${i}`;
    const score = 1 + Math.floor(random() * 100);
    const stage: LeadStage = leadStages[Math.floor(random() * leadStages.length)] ?? 'new';
    leads.push({
      id: `bench-${String(i).padStart(7, '0')}`,
      teamId: 'solo',
      ownerId: 'me',
      updatedAt: now,
      firstName,
      lastName,
      nameKey: `${firstName} ${lastName}`.toLowerCase(),
      email: `${firstName}.${lastName}@example.com`.toLowerCase(),
      phone: `+1312555${String(100 + (i % 100)).padStart(4, '0')}`,
      timeZone: zones[i % zones.length] ?? 'America/Chicago',
      timeZoneSource: 'phone',
      stage,
      source: leadSources[Math.floor(random() * leadSources.length)] ?? 'website',
      intent: random() < 0.6 ? 'buy' : 'sell',
      score,
      temperature: temperatureOf(score),
      tags: [],
      consent: { sms: 'granted', whatsapp: 'unknown', email: 'granted' },
      createdAt: now - Math.floor(random() * 365 * 86_400_000),
      lastContactAt: random() < 0.7 ? now - Math.floor(random() * 60 * 86_400_000) : 0,
      deletedAt: 0,
      demo: false,
    });
  }
  return leads;
}
