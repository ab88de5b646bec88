// Bounces (RFC 3464) suppress only what we sent (docs/channels.md, "Email"): B1 the original
// Message-ID, B1 our Message-ID in In-Reply-To/References, B2 the plus address of the lead it
// names; anything else, a forged bounce naming a real lead included, is recorded and ignored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import type { InboundEmail } from './inbound';
import { recordInboundEmail } from './inbound';
import { plusAddressFor } from './reply-address';
import { readEmailSettings } from './settings';

const REPLY = 'replies@example.com';
const SENT_ID = 'msg-bounce-sent-1';
const SENT_HEADER = `${SENT_ID}.abcdefghjkmn@example.com`;

let core: TestCore;
let key: string;
let lee: string;
let ana: string;
beforeEach(async () => {
  core = await createTestCore({ start: '2026-06-01T15:00:00Z' });
  key = (await readEmailSettings(core.ctx)).replyTokenKey;
  lee = (await core.invoke('leads-create', { lead: { firstName: 'Lee', email: 'lee@example.com' } })).lead.id;
  ana = (await core.invoke('leads-create', { lead: { firstName: 'Ana', email: 'ana@example.com' } })).lead.id;
  const now = core.clock.now();
  await core.ctx.db.messages.insert({
    id: SENT_ID,
    teamId: 'team-test',
    ownerId: 'agent-test',
    updatedAt: now,
    leadId: lee,
    direction: 'outbound',
    channel: 'email',
    status: 'sent',
    createdAt: now,
    body: 'Three new listings match your search.',
    to: 'lee@example.com',
    attempt: 0,
    authoredBy: 'template',
    providerId: SENT_HEADER,
    statusHistory: [{ status: 'sent', at: now }],
    demo: false,
  });
});
afterEach(() => core.close());

function bounce(
  recipient: string,
  extra: Partial<InboundEmail> = {},
  originalMessageId?: string,
): InboundEmail {
  return {
    messageId: `<bounce-${Math.random()}@mx.example.net>`,
    inReplyTo: [],
    references: [],
    from: 'mailer-daemon@mx.example.net',
    recipients: [REPLY],
    subject: 'Undelivered Mail Returned to Sender',
    text: 'Your message could not be delivered.',
    receivedAt: core.clock.now(),
    deliveryReport: {
      statuses: [{ recipient, action: 'failed', status: '5.1.1', diagnostic: 'smtp; 550 user unknown' }],
      ...(originalMessageId === undefined ? {} : { originalMessageId }),
    },
    ...extra,
  };
}

const record = (email: InboundEmail) =>
  recordInboundEmail(core.ctx, email, { replyAddress: REPLY, replyTokenKey: key });
const suppressed = async (address: string) =>
  (await core.ctx.db.suppressions.findOne({ selector: { address } }).exec())?.toMutableJSON() ?? null;
const statusOfSent = async () => (await core.ctx.db.messages.findOne(SENT_ID).exec())?.status;

describe('bounces', () => {
  it('BN1: the original Message-ID of a message we sent suppresses that address and marks it undelivered', async () => {
    expect(await record(bounce('lee@example.com', {}, `<${SENT_HEADER}>`))).toEqual({
      kind: 'bounce',
      address: 'lee@example.com',
      messageId: SENT_ID,
    });
    expect(await suppressed('lee@example.com')).toMatchObject({
      channel: 'email',
      reason: 'bounce',
      leadId: lee,
    });
    expect(await statusOfSent()).toBe('undelivered');
  });

  it('BN2: our Message-ID in In-Reply-To or References counts the same', async () => {
    const outcome = await record(
      bounce('lee@example.com', { references: ['<other@x.example>', `<${SENT_HEADER}>`] }),
    );
    expect(outcome).toMatchObject({ kind: 'bounce', messageId: SENT_ID });
    expect(await suppressed('lee@example.com')).not.toBeNull();
    const again = await record(bounce('lee@example.com', { inReplyTo: [`<${SENT_HEADER}>`] }));
    expect(again).toMatchObject({ kind: 'bounce', messageId: SENT_ID });
  });

  it('BN3: back at the plus address we gave the lead, naming that lead, suppresses it', async () => {
    const outcome = await record(
      bounce('ana@example.com', { recipients: [plusAddressFor(REPLY, ana, key)] }),
    );
    expect(outcome).toEqual({ kind: 'bounce', address: 'ana@example.com' });
    expect(await suppressed('ana@example.com')).toMatchObject({ reason: 'bounce', leadId: ana });
  });

  it('BN4: a forged bounce naming a real lead, with nothing we sent, is recorded and ignored', async () => {
    const forged = bounce('lee@example.com', { recipients: [REPLY] });
    const outcome = await record(forged);
    expect(outcome).toMatchObject({ kind: 'bounce_ignored', address: 'lee@example.com' });
    expect(await suppressed('lee@example.com')).toBeNull();
    expect(await statusOfSent()).toBe('sent');
    core.ctx.emailReplies.reportPoll(core.clock.now(), [outcome]);
    expect(core.ctx.emailReplies.view()).toMatchObject({ bounces: 0, ignoredBounces: 1 });
  });

  it('BN5: a Message-ID of ours with the wrong nonce, or another lead’s plus address, suppresses nothing', async () => {
    const guessed = await record(bounce('lee@example.com', {}, `<${SENT_ID}.zzzzzzzzzzzz@example.com>`));
    expect(guessed.kind).toBe('bounce_ignored');
    const crossed = await record(
      bounce('lee@example.com', { recipients: [plusAddressFor(REPLY, ana, key)] }),
    );
    expect(crossed.kind).toBe('bounce_ignored');
    expect(crossed.kind === 'bounce_ignored' ? crossed.why : '').toContain('names another address');
    expect(await suppressed('lee@example.com')).toBeNull();
    expect(await suppressed('ana@example.com')).toBeNull();
  });
});
