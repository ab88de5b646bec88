// The IMAP reply poller against a real Dovecot on 127.0.0.1: replies are matched by thread
// (In-Reply-To with our exact Message-ID), by the lead's plus address, then by sender; a forged
// reference matches nothing; an RFC 3464 bounce suppresses the address and marks the message
// undelivered; a restart reads nothing twice; a reply stops the lead's sequences.
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapReplies } from '../../src-main/adapters/email/imap-replies';
import { plusAddressFor } from '../../src-main/core/email/reply-address';
import {
  readEmailSettings,
  readImapCheckpoint,
  writeEmailSettings,
} from '../../src-main/core/email/settings';
import type { EngineTestCore } from '../../src-main/core/testing/engine-harness';
import { createEngineTestCore } from '../../src-main/core/testing/engine-harness';
import { MemorySecretStore } from '../../src-main/core/testing/memory-secret-store';
import type { Message } from '../../src-shared/domain';
import type { DovecotPeer } from './dovecot';
import { startDovecot } from './dovecot';

let dovecot: DovecotPeer;
let core: EngineTestCore;
let secrets: MemorySecretStore;
let leadId: string;
let replyKey: string;
const SENT_ID = 'msg-imap-sent-1';
const SENT_HEADER = `${SENT_ID}.abcdefghjkmn@example.com`;

async function append(lines: string[]): Promise<void> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  await client.append('INBOX', lines.join('\r\n'));
  await client.logout();
}

function poller() {
  return startImapReplies(core.ctx, { secrets, pollAtStart: false });
}

async function inboundFor(id: string): Promise<Message[]> {
  const docs = await core.ctx.db.messages.find({ selector: { leadId: id, direction: 'inbound' } }).exec();
  return docs.map((d) => d.toMutableJSON());
}

beforeAll(async () => {
  dovecot = await startDovecot();
  core = await createEngineTestCore();
  secrets = new MemorySecretStore({ 'imap.password': dovecot.password });
  await writeEmailSettings(core.ctx, (s) => ({
    ...s,
    fromAddress: 'dana@example.com',
    replyAddress: 'replies@example.com',
    imap: { ...s.imap, host: '127.0.0.1', port: dovecot.port, security: 'none', user: dovecot.user },
  }));
  replyKey = (await readEmailSettings(core.ctx)).replyTokenKey;
  const created = await core.invoke('leads-create', {
    lead: { firstName: 'Lee', lastName: 'Park', email: 'lee@example.com', source: 'website' },
  });
  leadId = created.lead.id;
  const now = core.clock.now();
  await core.ctx.db.messages.insert({
    id: SENT_ID,
    teamId: 'team-test',
    ownerId: 'agent-test',
    updatedAt: now,
    leadId,
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

afterAll(async () => {
  await core.close();
  await dovecot.stop();
});

describe('IMAP replies from a real Dovecot', () => {
  it('IM1 a reply quoting our Message-ID is stored on the lead, without the quoted history', async () => {
    await append([
      'From: Lee at work <lee.park@work.example.net>',
      'To: replies@example.com',
      'Subject: Re: Homes near Zilker',
      'Message-ID: <reply-1@work.example.net>',
      `In-Reply-To: <${SENT_HEADER}>`,
      `References: <${SENT_HEADER}>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Yes, can we see the Oak St house on Saturday?',
      '',
      'On Mon, Mar 2, 2026 at 9:00 AM Dana Reyes <dana@example.com> wrote:',
      '> Three new listings match your search.',
    ]);
    const outcomes = await poller().pollNow();
    expect(outcomes).toEqual([expect.objectContaining({ kind: 'reply', leadId, matchedBy: 'thread' })]);
    const [stored] = await inboundFor(leadId);
    expect(stored).toMatchObject({ channel: 'email', status: 'received', from: 'lee.park@work.example.net' });
    expect(stored?.body).toBe('Yes, can we see the Oak St house on Saturday?');
  });

  it('IM2 a reply to the lead’s plus address matches even from an unknown sender', async () => {
    await append([
      'From: someone@elsewhere.example.org',
      `To: ${plusAddressFor('replies@example.com', leadId, replyKey)}`,
      'Subject: Re: hello',
      'Message-ID: <reply-2@elsewhere.example.org>',
      '',
      'This is Lee from my other address.',
    ]);
    expect(await poller().pollNow()).toEqual([
      expect.objectContaining({ kind: 'reply', matchedBy: 'plus_address' }),
    ]);
  });

  it('IM3 a reply with neither thread nor plus address matches by sender; a forged reference does not', async () => {
    await append([
      'From: Lee Park <lee@example.com>',
      'To: replies@example.com',
      'Subject: one more thing',
      'Message-ID: <reply-3@example.com>',
      '',
      'Also, is there a garage?',
    ]);
    await append([
      'From: stranger@elsewhere.example.org',
      'To: replies@example.com',
      'Subject: Re: Homes near Zilker',
      'Message-ID: <forged-1@elsewhere.example.org>',
      `In-Reply-To: <${SENT_ID}.zzzzzzzzzzzz@example.com>`,
      '',
      'Guessing your ids.',
    ]);
    expect(await poller().pollNow()).toEqual([
      expect.objectContaining({ kind: 'reply', matchedBy: 'sender' }),
      expect.objectContaining({ kind: 'unmatched', from: 'stranger@elsewhere.example.org' }),
    ]);
  });

  it('IM4 a restart reads nothing twice and still finds what came in while it was stopped', async () => {
    const before = (await inboundFor(leadId)).length;
    const checkpoint = await readImapCheckpoint(core.ctx);
    expect(checkpoint).toMatchObject({ host: '127.0.0.1', mailbox: 'INBOX', lastUid: 4 });
    await append([
      'From: lee@example.com',
      'To: replies@example.com',
      'Subject: later',
      'Message-ID: <reply-4@example.com>',
      '',
      'Later reply.',
    ]);
    const restarted = poller();
    expect(await restarted.pollNow()).toHaveLength(1);
    expect(await restarted.pollNow()).toHaveLength(0);
    await restarted.stop();
    expect(await inboundFor(leadId)).toHaveLength(before + 1);
  });

  it('IM5 the same reply delivered twice (a lost checkpoint) is stored once', async () => {
    const before = (await inboundFor(leadId)).length;
    await core.ctx.db.settings
      .findOne('email-imap-checkpoint')
      .exec()
      .then((d) => d?.remove());
    const outcomes = await poller().pollNow();
    expect(outcomes.filter((o) => o.kind === 'reply')).toHaveLength(0);
    expect(outcomes.filter((o) => o.kind === 'duplicate').length).toBeGreaterThan(0);
    expect(await inboundFor(leadId)).toHaveLength(before);
  });

  it('IM6 a bounce (RFC 3464) suppresses the address and marks the message undelivered', async () => {
    await append([
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      `To: ${plusAddressFor('replies@example.com', leadId, replyKey)}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-1@mx.example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; lee@example.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${SENT_HEADER}>`,
      'To: lee@example.com',
      'Subject: Homes near Zilker',
      '--b1--',
    ]);
    expect(await poller().pollNow()).toEqual([
      expect.objectContaining({ kind: 'bounce', address: 'lee@example.com', messageId: SENT_ID }),
    ]);
    const suppression = await core.ctx.db.suppressions
      .findOne({ selector: { address: 'lee@example.com' } })
      .exec();
    expect(suppression).toMatchObject({ channel: 'email', reason: 'bounce', leadId });
    const sent = await core.ctx.db.messages.findOne(SENT_ID).exec();
    expect(sent?.status).toBe('undelivered');
  });

  it('IM7 a reply stops the lead’s sequences', async () => {
    const other = await core.invoke('leads-create', {
      lead: { firstName: 'Sam', lastName: 'Ortiz', email: 'sam@example.com', source: 'website' },
    });
    await core.invoke('enrollments-enroll', { sequenceId: 'builtin-new-buyer', leadIds: [other.lead.id] });
    await core.engine.idle();
    await append([
      'From: sam@example.com',
      'To: replies@example.com',
      'Subject: hi',
      'Message-ID: <reply-sam@example.com>',
      '',
      'Call me.',
    ]);
    await poller().pollNow();
    await core.engine.idle();
    const enrollments = await core.invoke('enrollments-for-lead', { leadId: other.lead.id });
    expect(enrollments.length).toBeGreaterThan(0);
    expect(enrollments.every((e) => e.status !== 'active')).toBe(true);
  });

  it('IM8 a wrong password is reported on the status without the password', async () => {
    await secrets.set('imap.password', 'not-the-password-42');
    expect(await poller().pollNow()).toEqual([]);
    const status = core.ctx.emailReplies.view();
    expect(status.lastError).toBeDefined();
    expect(status.lastError).not.toContain('not-the-password-42');
    await secrets.set('imap.password', dovecot.password);
  });
});
