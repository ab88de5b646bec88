// A new user's path, across processes and against real local peers: the headless shell with
// only email connected (a real SMTP server, smtp-server); a lead with a phone and an email; the
// welcome email arrives once; the 2-minute text produces no email and waits for Twilio; Twilio
// (the Twilio-compatible peer) is connected through the settings handlers, without a restart;
// the waiting text arrives there once; "last contact" moved only when something reached the lead.
// Real time: the new-buyer playbook's text is due two minutes after the welcome email.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '../channels/mail-peer';
import { startFakeTwilio, type FakeTwilio } from '../channels/fake-twilio-server';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { zoneInWorkingHours } from '../support/working-hours';

let smtp: SmtpPeer;
let twilioPeer: FakeTwilio;
let dataDir: string;
let shell: HeadlessProcess | undefined;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  twilioPeer = await startFakeTwilio(() => Date.now());
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-new-user-'));
});

afterAll(async () => {
  await shell?.stop();
  await twilioPeer.close();
  await smtp.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a new user with only email, then Twilio connected live', () => {
  it(
    'sends the welcome email once, holds the text for Twilio, and sends it once Twilio is connected',
    { timeout: 240_000 },
    async () => {
      shell = await startHeadless([
        '--data',
        dataDir,
        '--port',
        '0',
        '--no-demo',
        '--twilio-api',
        twilioPeer.baseUrl,
      ]);
      const invoke = httpInvoker(shell.url);
      expect((await invoke('channels-status', {})).sms.state).toBe('not_configured');

      // Email only, through the settings handlers; it connects without a restart.
      await invoke('email-settings-set', {
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '' },
        fromName: 'Dana Realtor',
        fromAddress: 'dana@example.org',
        replyAddress: 'replies@example.org',
        physicalAddress: '1 Main St, Springfield, IL 62701',
      });
      // The profile the messages speak with (without it they would wait, naming Settings → Profile).
      await invoke('profile-set', {
        firstName: 'Dana',
        lastName: 'Reyes',
        phone: '(217) 555-0100',
        email: 'dana@example.org',
        brokerage: 'Springfield Homes',
      });
      await expect
        .poll(async () => (await invoke('channels-status', {})).email.state, { timeout: 20_000 })
        .toBe('connected');

      const { lead } = await invoke('leads-create', {
        lead: {
          firstName: 'Maria',
          lastName: 'Lopez',
          email: 'maria.lopez@example.com',
          phone: '+1 415 555 2671',
          intent: 'buy',
          source: 'website',
          timeZone: zoneInWorkingHours(),
        },
      });
      const messages = () => invoke('messages-for-lead', { leadId: lead.id });

      // The welcome email arrives once; the text step, due two minutes later, waits for Twilio.
      await expect.poll(() => smtp.received.length, { timeout: 30_000, interval: 200 }).toBe(1);
      await expect
        .poll(async () => (await messages()).find((m) => m.channel === 'sms')?.status, {
          timeout: 180_000,
          interval: 1000,
        })
        .toBe('waiting_for_channel');
      const waiting = (await messages()).find((m) => m.channel === 'sms');
      expect(waiting?.statusReason).toMatch(/Waiting for Twilio/);
      expect(smtp.received).toHaveLength(1);
      const emailSentAt = (await messages())
        .find((m) => m.channel === 'email')
        ?.statusHistory.find((h) => h.status === 'sent')?.at;
      expect((await invoke('leads-get', { id: lead.id }))?.lastContactAt).toBe(emailSentAt);

      // Connect Twilio through the settings handlers: no restart.
      await invoke('channels-secrets-set', { name: 'twilio.accountSid', value: twilioPeer.accountSid });
      await invoke('channels-secrets-set', { name: 'twilio.authToken', value: twilioPeer.authToken });
      await invoke('channels-twilio-settings-set', { smsFrom: '+14155550100' });
      await expect
        .poll(async () => (await invoke('channels-status', {})).sms.state, { timeout: 20_000 })
        .toBe('connected');

      // The waiting text arrives at the peer once, and the lead's last contact is its send.
      await expect
        .poll(() => twilioPeer.messages.filter((m) => m.direction === 'outbound-api').length, {
          timeout: 20_000,
        })
        .toBe(1);
      expect(twilioPeer.messages[0]?.to).toBe('+14155552671');
      await expect
        .poll(async () => (await messages()).find((m) => m.channel === 'sms')?.status, { timeout: 20_000 })
        .toBe('sent');
      const textSentAt = (await messages())
        .find((m) => m.channel === 'sms')
        ?.statusHistory.find((h) => h.status === 'sent')?.at;
      expect((await invoke('leads-get', { id: lead.id }))?.lastContactAt).toBe(textSentAt);
      expect(smtp.received).toHaveLength(1);
    },
  );
});
