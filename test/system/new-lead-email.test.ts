// The real road, across processes: the headless shell, configured like a brokerage would
// (SMTP settings through the contract, the password through the secret store), answers a new
// lead by email through a real SMTP server on 127.0.0.1, inside the lead's allowed hours,
// with the opt-out header and the plus-addressed Reply-To.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '../channels/mail-peer';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { zoneInWorkingHours } from '../support/working-hours';

let smtp: SmtpPeer;
let dataDir: string;
let shell: HeadlessProcess | undefined;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-system-'));
});

afterAll(async () => {
  await shell?.stop();
  await smtp.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a new lead through the headless shell and a real SMTP server', () => {
  it('sends the first email of the new-buyer playbook within seconds, with an opt-out that works without a server', async () => {
    // 1: configure, as the settings screen would; channels connect at start, so restart after.
    shell = await startHeadless(['--data', dataDir, '--port', '0', '--no-demo']);
    let invoke = httpInvoker(shell.url);
    await invoke('email-settings-set', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '' },
      fromName: 'Dana Realtor',
      fromAddress: 'dana@example.org',
      replyAddress: 'replies@example.org',
      physicalAddress: '1 Main St, Springfield, IL 62701',
    });
    await invoke('engine-settings-update', {
      patch: {
        sender: { physicalAddress: '1 Main St, Springfield, IL 62701' },
      },
    });
    await invoke('profile-set', {
      firstName: 'Dana',
      lastName: 'Reyes',
      phone: '(217) 555-0100',
      email: 'dana@example.org',
      brokerage: 'Springfield Homes',
    });
    expect(await shell.stop()).toBe(0);
    shell = await startHeadless(['--data', dataDir, '--port', '0', '--no-demo']);
    invoke = httpInvoker(shell.url);

    // 2: a lead arrives.
    const { lead } = await invoke('leads-create', {
      lead: {
        firstName: 'Jordan',
        lastName: 'Buyer',
        email: 'Jordan.Buyer@Example.com',
        intent: 'buy',
        source: 'website',
        timeZone: zoneInWorkingHours(),
      },
    });

    // 3: the first email reaches the SMTP server.
    await expect.poll(() => smtp.received.length, { timeout: 20_000, interval: 100 }).toBeGreaterThan(0);
    const mail = smtp.received[0];
    if (mail === undefined) throw new Error('no mail received');
    expect(mail.envelopeTo).toEqual(['jordan.buyer@example.com']);
    expect(mail.parsed.text).toContain('Hi Jordan');
    expect(mail.parsed.text).toContain('1 Main St, Springfield, IL 62701');
    const replyTo = mail.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^replies\+[\w-]+@example\.org$/);
    // Solo mode (no sync server to serve a link): the opt-out is a reply (RFC 2369 mailto).
    const unfolded = mail.raw.replace(/\r\n[ \t]+/g, ' ');
    expect(unfolded).toContain(`List-Unsubscribe: <mailto:${replyTo}?subject=unsubscribe>`);
    expect(mail.parsed.text).toContain('reply with the word "unsubscribe"');

    // 4: the timeline shows it sent, once.
    const timeline = await invoke('messages-for-lead', { leadId: lead.id });
    const emails = timeline.filter((m) => m.channel === 'email' && m.direction === 'outbound');
    await expect
      .poll(
        async () =>
          (await invoke('messages-for-lead', { leadId: lead.id })).find((m) => m.channel === 'email')?.status,
      )
      .toBe('sent');
    expect(emails.length).toBeGreaterThan(0);
    expect(smtp.received.filter((m) => m.envelopeTo.includes('jordan.buyer@example.com')).length).toBe(1);
  });
});
