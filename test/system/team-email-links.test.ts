// A desktop in a team sends an email whose links the team server accepts, across real
// processes: the sync server from its command line with a public URL, a headless shell signed
// in to the team and sending through a real SMTP server on 127.0.0.1. The email's open pixel,
// its click link and its List-Unsubscribe address are the server's, signed with the team's link
// key (GET /team/links); the server records the open and the click on the message, which
// replicates back to the desktop; a click link with another URL is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '../channels/mail-peer';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { freePort } from '../support/postgres';
import { initTeam, startSyncServerProcess, type SyncServerProcess } from '../support/sync-server-process';
import { zoneInWorkingHours } from '../support/working-hours';
import { tempDir } from '../sync/harness';

const WAIT = { timeout: 45_000, interval: 200 };
const LISTING = 'https://listings.example.com/oak-street';

const serverDir = tempDir('porchlight-links-server-');
const shellDir = tempDir('porchlight-links-shell-');
let server: SyncServerProcess;
let smtp: SmtpPeer;
let shell: HeadlessProcess | undefined;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  const code = await initTeam(serverDir.path, 'Lakeside Realty', 'jane@example.com');
  const port = await freePort();
  server = await startSyncServerProcess(serverDir.path, port, {
    SYNC_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  shell = await startHeadless(['--data', shellDir.path, '--port', '0', '--no-demo']);
  const invoke = httpInvoker(shell.url);
  await invoke('sync-sign-in', {
    serverUrl: server.url,
    email: 'jane@example.com',
    code,
    password: 'correct horse battery',
  });
  await invoke('email-settings-set', {
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '' },
    fromName: 'Jane Realtor',
    fromAddress: 'jane@example.org',
    replyAddress: 'replies@example.org',
    physicalAddress: '1 Main St, Springfield, IL 62701',
  });
  await invoke('engine-settings-update', {
    patch: { sender: { physicalAddress: '1 Main St, Springfield, IL 62701' } },
  });
  await invoke('profile-set', {
    firstName: 'Jane',
    lastName: 'Reyes',
    phone: '(217) 555-0100',
    email: 'jane@example.org',
    brokerage: 'Lakeside Realty',
  });
}, 120_000);

afterAll(async () => {
  await shell?.stop();
  await server?.stop();
  await smtp?.close();
  shellDir.remove();
  serverDir.remove();
});

describe('a team desktop’s email links on the team server', () => {
  it(
    'carries a signed pixel, click and unsubscribe the server accepts and records',
    { timeout: 120_000 },
    async () => {
      const invoke = httpInvoker(shell?.url ?? '');
      await expect.poll(async () => (await invoke('sync-status', {})).state, WAIT).toBe('connected');
      const { lead } = await invoke('leads-create', {
        lead: {
          firstName: 'Jordan',
          lastName: 'Buyer',
          email: 'jordan@example.com',
          timeZone: zoneInWorkingHours(),
        },
      });
      const sent = await invoke('compose-send', {
        leadId: lead.id,
        channel: 'email',
        subject: 'The house on Oak Street',
        body: `Hi Jordan, here it is: ${LISTING}`,
      });
      await expect
        .poll(() => smtp.received.find((mail) => mail.parsed.subject === 'The house on Oak Street'), WAIT)
        .toBeDefined();
      const mail = smtp.received.find((m) => m.parsed.subject === 'The house on Oak Street');
      const html = mail?.parsed.html || '';
      const pixel = /<img src="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
      const click = /href="([^"]*\/t\/c\/[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
      const unsubscribe =
        /List-Unsubscribe: <([^>]+)>/.exec(mail?.raw.replace(/\r\n[ \t]+/g, ' ') ?? '')?.[1] ?? '';
      expect(pixel.startsWith(`${server.url}/t/o/`)).toBe(true);
      expect(click.startsWith(`${server.url}/t/c/`)).toBe(true);
      expect(unsubscribe.startsWith(`${server.url}/u/`)).toBe(true);
      expect(mail?.parsed.text).toContain(unsubscribe);

      const opened = await fetch(pixel);
      expect(opened.status).toBe(200);
      expect(opened.headers.get('content-type')).toBe('image/gif');
      const clicked = await fetch(click, { redirect: 'manual' });
      expect(clicked.status).toBe(302);
      expect(clicked.headers.get('location')).toBe(LISTING);
      // The same token with another destination is not ours: refused, no redirect.
      const altered = click.replace(
        encodeURIComponent(LISTING),
        encodeURIComponent('https://evil.example.net/'),
      );
      expect((await fetch(altered, { redirect: 'manual' })).status).toBe(400);
      const page = await fetch(unsubscribe);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Unsubscribe');

      await expect
        .poll(async () => {
          const message = (await invoke('messages-for-lead', { leadId: lead.id })).find(
            (m) => m.id === sent.id,
          );
          return { opened: message?.openedAt !== undefined, clicked: message?.clickedAt !== undefined };
        }, WAIT)
        .toEqual({ opened: true, clicked: true });
    },
  );
});
