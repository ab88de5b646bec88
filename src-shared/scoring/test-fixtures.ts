// Leads and messages for the scoring tests and the bench: complete documents with only the
// fields a test cares about given.
import type { Lead, Message } from '../domain';

export const T0 = Date.parse('2026-01-05T14:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function makeLead(fields: Partial<Lead> = {}): Lead {
  return {
    id: 'lead-1',
    teamId: 'team',
    ownerId: 'agent',
    updatedAt: T0,
    firstName: 'Maria',
    lastName: 'Lopez',
    nameKey: 'maria lopez',
    timeZone: 'America/Chicago',
    timeZoneSource: 'zip',
    stage: 'new',
    source: 'zillow',
    intent: 'unknown',
    score: 0,
    temperature: 'cold',
    tags: [],
    consent: { sms: 'granted', whatsapp: 'unknown', email: 'granted' },
    createdAt: T0 - DAY,
    lastContactAt: 0,
    deletedAt: 0,
    demo: false,
    ...fields,
  };
}

let sequence = 0;

export function makeMessage(fields: Partial<Message> & Pick<Message, 'direction' | 'createdAt'>): Message {
  const inbound = fields.direction === 'inbound';
  sequence++;
  return {
    id: `m-${String(sequence).padStart(6, '0')}`,
    teamId: 'team',
    ownerId: 'agent',
    updatedAt: fields.createdAt,
    leadId: 'lead-1',
    channel: 'sms',
    status: inbound ? 'received' : 'delivered',
    body: inbound ? 'Hi' : 'Hello from your agent',
    attempt: 0,
    authoredBy: inbound ? 'lead' : 'template',
    statusHistory: [],
    demo: false,
    ...fields,
  };
}
