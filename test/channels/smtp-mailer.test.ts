// What the SMTP adapter puts on the wire, read back by a real SMTP server and mailparser:
// both parts, the CAN-SPAM footer in each, RFC 8058 one-click headers, the lead's plus-addressed
// Reply-To (also the envelope sender, for bounces), the Message-ID we keep, tracking only with
// a tracking server, and a refused login reported without the password.
import { afterEach, describe, expect, it } from 'vitest';
import { leadIdFromToken, tokenInAddress } from '../../src-main/core/email/reply-address';
import { createSmtpMailer, sendTestEmail } from '../../src-main/adapters/email/smtp-mailer';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import type { EmailSettings } from '../../src-shared/ipc/email';
import { emailSettingsSchema } from '../../src-shared/ipc/email';
import { withEmailFooter, withHtmlEmailFooter } from '../../src-shared/templates';
import type { SmtpPeer } from './mail-peer';
import { TEST_REPLY_KEY, headerLine, startSmtpPeer } from './mail-peer';
import { outbound } from './mailer-contract';

const LEAD_ID = '0b6f6c2e-4f7a-4c55-9d0e-6c1f2a3b4c5d';
const UNSUBSCRIBE = 'https://sync.example.com/u/msg-wire-1';
let peer: SmtpPeer | undefined;
let pooled: { close(): void } | undefined;

afterEach(async () => {
  pooled?.close();
  await peer?.close();
  peer = undefined;
});

async function setUp(overrides: Record<string, unknown> = {}, password?: string) {
  peer = await startSmtpPeer(password === undefined ? undefined : { user: 'dana', pass: 'right-password' });
  const settings: EmailSettings = emailSettingsSchema.parse({
    smtp: {
      host: '127.0.0.1',
      port: peer.port,
      security: 'none',
      user: password === undefined ? '' : 'dana',
    },
    fromName: 'Dana Reyes',
    fromAddress: 'dana@example.com',
    replyAddress: 'replies@example.com',
    ...overrides,
  });
  const options = {
    settings: () => Promise.resolve({ settings, replyTokenKey: TEST_REPLY_KEY }),
    secrets: { get: () => Promise.resolve(password) },
    clock: new FakeClock('2026-03-02T15:00:00Z'),
  };
  const mailer = createSmtpMailer(options);
  pooled = mailer;
  return { peer, options, mailer };
}

const body = withEmailFooter(
  'Hi Lee,\n\nThe house on Oak St is open Saturday: https://listings.example.com/oak',
  {
    senderName: 'Dana Reyes',
    physicalAddress: '100 Congress Ave, Austin, TX 78701',
    unsubscribeUrl: UNSUBSCRIBE,
  },
);
const message = outbound({ messageId: 'msg-wire-1', leadId: LEAD_ID, body, unsubscribeUrl: UNSUBSCRIBE });

describe('SMTP adapter on the wire', () => {
  it('sends text and HTML parts, both with the postal address and the unsubscribe link', async () => {
    const { mailer, peer } = await setUp();
    await mailer.send(message, new AbortController().signal);
    const [mail] = peer.received;
    expect(mail?.parsed.text).toContain('100 Congress Ave, Austin, TX 78701');
    expect(mail?.parsed.text).toContain(`Unsubscribe: ${UNSUBSCRIBE}`);
    expect(mail?.parsed.html).toContain('100 Congress Ave, Austin, TX 78701');
    expect(mail?.parsed.html).toContain(`<a href="${UNSUBSCRIBE}">`);
    expect(mail?.parsed.from?.value[0]).toMatchObject({ name: 'Dana Reyes', address: 'dana@example.com' });
    expect(mail?.parsed.date?.toISOString()).toBe('2026-03-02T15:00:00.000Z');
  });

  it('carries RFC 8058 one-click unsubscribe headers', async () => {
    const { mailer, peer } = await setUp();
    await mailer.send(message, new AbortController().signal);
    const parsed = peer.received[0]?.parsed;
    if (parsed === undefined) throw new Error('nothing received');
    expect(headerLine(parsed, 'list-unsubscribe')).toBe(`<${UNSUBSCRIBE}>`);
    expect(headerLine(parsed, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('replies and bounces go to a plus address that names the lead without showing its id', async () => {
    const { mailer, peer } = await setUp();
    await mailer.send(message, new AbortController().signal);
    const mail = peer.received[0];
    const replyTo = mail?.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^replies\+[a-z2-7]{26}@example\.com$/);
    expect(replyTo).not.toContain(LEAD_ID.slice(0, 8));
    const token = tokenInAddress(replyTo, 'replies@example.com');
    expect(token === null ? null : leadIdFromToken(token, TEST_REPLY_KEY)).toBe(LEAD_ID);
    expect(mail?.envelopeFrom).toBe(replyTo);
  });

  it('keeps the Message-ID it sent as the providerId', async () => {
    const { mailer, peer } = await setUp();
    const receipt = await mailer.send(message, new AbortController().signal);
    expect(peer.received[0]?.parsed.messageId).toBe(`<${receipt.providerId}>`);
    expect(receipt.providerId).toMatch(/^msg-wire-1\.[a-z2-7]+@example\.com$/);
  });

  it('adds no pixel and rewrites no link without a tracking server', async () => {
    const { mailer, peer } = await setUp();
    await mailer.send(message, new AbortController().signal);
    const html = peer.received[0]?.parsed.html || '';
    expect(html).not.toContain('<img');
    expect(html).toContain('<a href="https://listings.example.com/oak">');
  });

  it('with a tracking server: an open pixel and tracked links, but the unsubscribe link untouched', async () => {
    const { mailer, peer } = await setUp({ trackingBaseUrl: 'https://sync.example.com' });
    await mailer.send(message, new AbortController().signal);
    const html = peer.received[0]?.parsed.html || '';
    expect(html).toContain('<img src="https://sync.example.com/t/o/msg-wire-1.gif"');
    expect(html).toMatch(
      /href="https:\/\/sync\.example\.com\/t\/c\/msg-wire-1\?u=https%3A%2F%2Flistings\.example\.com%2Foak&amp;s=/,
    );
    expect(html).toContain(`<a href="${UNSUBSCRIBE}">`);
    expect(peer.received[0]?.parsed.text).toContain('https://listings.example.com/oak');
  });

  it("sends a template's own HTML part as the HTML, its links tracked but the unsubscribe one, the pixel before </body>", async () => {
    const { mailer, peer } = await setUp({ trackingBaseUrl: 'https://sync.example.com' });
    const own = withHtmlEmailFooter(
      '<html><body><h1>Open Saturday</h1><p><a href="https://listings.example.com/oak?a=1&amp;b=2">Oak St</a></p></body></html>',
      {
        senderName: 'Dana Reyes',
        physicalAddress: '100 Congress Ave, Austin, TX 78701',
        unsubscribeUrl: UNSUBSCRIBE,
      },
    );
    await mailer.send({ ...message, html: own }, new AbortController().signal);
    const html = peer.received[0]?.parsed.html || '';
    expect(html).toContain('<h1>Open Saturday</h1>');
    expect(html).toMatch(
      /href="https:\/\/sync\.example\.com\/t\/c\/msg-wire-1\?u=https%3A%2F%2Flistings\.example\.com%2Foak%3Fa%3D1%26b%3D2&amp;s=[^"]+">Oak St</,
    );
    expect(html).toContain(`<a href="${UNSUBSCRIBE}">`);
    expect(html).toMatch(/<img src="https:\/\/sync\.example\.com\/t\/o\/msg-wire-1\.gif"[^>]*><\/body>/);
    // The text part is the text, as written.
    expect(peer.received[0]?.parsed.text).toContain('The house on Oak St is open Saturday');
  });

  it('the test message reports the server’s own answer', async () => {
    const { options } = await setUp();
    const result = await sendTestEmail(options, 'dana@example.com');
    expect(result).toMatchObject({ channel: 'email', ok: true });
    expect(result.answer).toContain('Ok: queued as PEER1');
  });

  it('a refused login is reported with the server’s words and never the password', async () => {
    const { options } = await setUp({}, 'wrong-password-123');
    const result = await sendTestEmail(options, 'dana@example.com');
    expect(result.ok).toBe(false);
    expect(result.answer).toContain('535');
    expect(result.answer).not.toContain('wrong-password-123');
    expect(result.answer).not.toContain(Buffer.from('wrong-password-123').toString('base64'));
  });

  it('logs in with the password from the secret store', async () => {
    const { options } = await setUp({}, 'right-password');
    expect((await sendTestEmail(options, 'dana@example.com')).ok).toBe(true);
  });
});
