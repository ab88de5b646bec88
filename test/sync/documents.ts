// Valid Porchlight documents for sync tests, as a desktop of a team would push them.
import type { Lead, Message, Suppression } from '../../src-shared/domain';

export function leadDoc(
  teamId: string,
  ownerId: string,
  id: string,
  patch: Partial<Lead> = {},
): Lead & { _deleted: boolean } {
  return {
    id,
    teamId,
    ownerId,
    updatedAt: 1000,
    firstName: 'Maria',
    lastName: 'Okafor',
    nameKey: 'maria okafor',
    email: `maria.${id}@example.com`,
    phone: '+13125550142',
    timeZone: 'America/Chicago',
    timeZoneSource: 'phone',
    stage: 'new',
    source: 'website',
    intent: 'buy',
    score: 50,
    temperature: 'warm',
    tags: [],
    consent: { sms: 'granted', whatsapp: 'unknown', email: 'granted' },
    createdAt: 1000,
    lastContactAt: 0,
    deletedAt: 0,
    demo: false,
    ...patch,
    _deleted: false,
  };
}

export function messageDoc(
  lead: Lead,
  id: string,
  patch: Partial<Message> = {},
): Message & { _deleted: boolean } {
  return {
    id,
    teamId: lead.teamId,
    ownerId: lead.ownerId,
    updatedAt: 1000,
    leadId: lead.id,
    direction: 'outbound',
    channel: 'sms',
    status: 'sent',
    createdAt: 1000,
    body: 'Hi Maria, the house on Elm Street is open Saturday.',
    to: lead.phone,
    attempt: 0,
    authoredBy: 'template',
    statusHistory: [{ status: 'sent', at: 1000 }],
    demo: false,
    ...patch,
    _deleted: false,
  };
}

export function suppressionDoc(
  teamId: string,
  ownerId: string,
  address: string,
  leadId?: string,
): Suppression & { _deleted: boolean } {
  return {
    id: `sup-sms-${address}`,
    teamId,
    ownerId,
    updatedAt: 1000,
    channel: 'sms',
    address,
    reason: 'stop',
    createdAt: 1000,
    ...(leadId === undefined ? {} : { leadId }),
    _deleted: false,
  };
}
