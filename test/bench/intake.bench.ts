// `npm run bench -- intake`: 1,000 leads posted to the team server's POST /api/leads in one
// minute (a steady 16.7 a second, as a busy website or Zapier sends them), each answered by the
// always-on engine's new-lead playbook. Measured per lead, from the moment its post left:
//   stored   the server's 201 (the lead is in the team's store, routed to an owner)
//   handed   the first email of the lead reaching the SMTP peer (the message handed to the
//            channel; the peer's parse adds a little)
// and the server process's RSS (sampled each second) and CPU (its own user+system time over the
// run). Baseline in the same run: the same number of GET /health requests at the same rate
// (what any request to this server costs), so "stored" shows intake's own share. The posts leave
// from 127.0.0.2, the website's own address (the server's per-address limit counts the engine's
// sync traffic from 127.0.0.1 apart).
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { SQLITE_FILE } from '../../src-sync/storage/open';
import { startSmtpPeer } from '../channels/mail-peer';
import { startHeadless } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { freePort } from '../support/postgres';
import { initTeam, startSyncServerProcess } from '../support/sync-server-process';
import { zoneInWorkingHours } from '../support/working-hours';
import { tempDir } from '../sync/harness';
import { processUsage, stageRows, stagesOnServer, tallyRoutes } from './intake-profile';
import { figure, ms, percentile, printTable } from './stats';

const LEADS = Number(process.env.INTAKE_BENCH_LEADS ?? 1000);
const OVER_MS = (LEADS / 1000) * 60_000;
const EMAIL_PER_MINUTE = 6000;
async function json<T>(
  url: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

// The website posts from an address of its own, as a web form's host does: the server limits
// requests per address, and the always-on engine's sync traffic comes from 127.0.0.1.
const website = new Agent({ keepAlive: true, localAddress: '127.0.0.2' });

function postFromWebsite(url: string, key: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: 'POST',
        agent: website,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Sends `count` requests evenly over `overMs`; the latency of each from the moment it left. */
async function atRate(count: number, overMs: number, send: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = start + (i * overMs) / count;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const left = performance.now();
    pending.push(send(i).then(() => void latencies.push(performance.now() - left)));
  }
  await Promise.all(pending);
  return latencies;
}

export async function runIntakeBench(): Promise<void> {
  const serverDir = tempDir('porchlight-intake-bench-server-');
  const engineDir = tempDir('porchlight-intake-bench-engine-');
  const smtp = await startSmtpPeer();
  const code = await initTeam(serverDir.path, 'Lakeside Realty', 'jane@example.com');
  const port = await freePort();
  const server = await startSyncServerProcess(serverDir.path, port, {
    SYNC_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const pid = server.child.pid ?? 0;
  const routes = tallyRoutes(server.child);
  let serverErrors = '';
  server.child.stderr?.on('data', (chunk: Buffer) => (serverErrors += chunk.toString()));
  server.child.once('exit', (code, signal) =>
    console.log(`  the server exited (${code ?? signal}) ${serverErrors.slice(0, 2000)}`),
  );
  const engine: { stop: () => Promise<void> } = { stop: () => Promise.resolve() };
  try {
    const jane = await json<{ accessToken: string }>(`${server.url}/auth/redeem`, {
      method: 'POST',
      body: { email: 'jane@example.com', code, password: 'correct horse battery' },
    });
    const invite = await json<{ code: string }>(`${server.url}/admin/agents`, {
      method: 'POST',
      token: jane.accessToken,
      body: { email: 'engine@example.com', name: 'Dana Reyes', role: 'admin' },
    });
    // Every lead goes to the engine's own account, whose profile is the voice of its emails.
    await json(`${server.url}/team/receiving`, {
      method: 'PUT',
      token: jane.accessToken,
      body: { paused: true },
    });
    const { key } = await json<{ key: string }>(`${server.url}/admin/api-keys`, {
      method: 'POST',
      token: jane.accessToken,
      body: { name: 'Bench' },
    });
    const shell = await startHeadless(
      [
        '--data',
        engineDir.path,
        '--port',
        '0',
        '--no-demo',
        '--server',
        server.url,
        '--email',
        'engine@example.com',
        '--token',
        invite.code,
      ],
      180_000,
    );
    engine.stop = async () => void (await shell.stop());
    const invoke = httpInvoker(shell.url);
    await invoke('email-settings-set', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '' },
      fromName: 'Dana Reyes',
      fromAddress: 'dana@example.org',
      replyAddress: 'replies@example.org',
      physicalAddress: '100 Congress Ave, Austin, TX 78701',
    });
    await invoke('engine-settings-update', {
      // The default email limit (120 a minute) would pace 1,000 first emails over eight
      // minutes by design; a brokerage sending this many sets its relay's own limit.
      patch: {
        sender: { physicalAddress: '100 Congress Ave, Austin, TX 78701' },
        rateLimits: { email: EMAIL_PER_MINUTE },
      },
    });
    await invoke('profile-set', {
      firstName: 'Dana',
      lastName: 'Reyes',
      phone: '(512) 555-0100',
      email: 'dana@example.org',
      brokerage: 'Lakeside Realty',
    });
    while ((await invoke('channels-status', {})).email.state !== 'connected')
      await new Promise((r) => setTimeout(r, 250));

    const baseline = await atRate(LEADS, OVER_MS / 4, async () => {
      await fetch(`${server.url}/health`).then((r) => r.arrayBuffer());
    });

    const zone = zoneInWorkingHours();
    const leftAt = new Map<string, number>();
    const answeredAt = new Map<string, number>();
    const handedAt = new Map<string, number>();
    const handedWall = new Map<string, number>();
    let seen = 0;
    let resent = 0;
    const watch = setInterval(() => {
      for (; seen < smtp.received.length; seen += 1) {
        const to = smtp.received[seen]?.envelopeTo[0];
        if (to === undefined || handedAt.has(to)) continue;
        handedAt.set(to, performance.now());
        handedWall.set(to, Date.now());
      }
    }, 10);
    const enginePid = shell.child.pid ?? 0;
    const before = processUsage(pid);
    const engineBefore = processUsage(enginePid);
    const runStart = performance.now();
    let rssMax = before.rssMb;
    let engineRssMax = engineBefore.rssMb;
    const sampler = setInterval(() => {
      rssMax = Math.max(rssMax, processUsage(pid).rssMb);
      engineRssMax = Math.max(engineRssMax, processUsage(enginePid).rssMb);
    }, 1000);
    routes.start();
    const stored = await atRate(LEADS, OVER_MS, async (i) => {
      const email = `bench-${i}@example.com`;
      leftAt.set(email, performance.now());
      const body = JSON.stringify({
        firstName: `Lead${i}`,
        lastName: 'Bench',
        email,
        intent: 'buy',
        source: 'website',
        timeZone: zone,
      });
      const send = () => postFromWebsite(`${server.url}/api/leads`, key, body);
      // A kept-alive socket the server closed as it was reused is sent again (and counted).
      const response = await send().catch(() => {
        resent += 1;
        return send();
      });
      if (response.status !== 201) throw new Error(`lead ${i}: ${response.status} ${response.text}`);
      answeredAt.set(email, performance.now());
    });
    const postedMs = performance.now() - runStart;
    const deadline = performance.now() + 120_000;
    while (handedAt.size < LEADS && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const after = processUsage(pid);
    const engineAfter = processUsage(enginePid);
    const wallMs = performance.now() - runStart;
    routes.stop();
    website.destroy();
    clearInterval(sampler);
    clearInterval(watch);
    const since = (from: Map<string, number>): number[] =>
      [...from].flatMap(([email, at]) => {
        const got = handedAt.get(email);
        return got === undefined ? [] : [got - at];
      });
    const handed = since(answeredAt);
    const handedFromPost = since(leftAt);
    const row = (what: string, values: number[], count: string): string[] => [
      what,
      ms(percentile(values, 50)),
      ms(percentile(values, 99)),
      ms(Math.max(...values)),
      count,
    ];
    figure('first message handed after the 201, p50', percentile(handed, 50), 'ms', { floor: '< 1 s' });
    figure('first message handed after the 201, p99', percentile(handed, 99), 'ms', { floor: '< 5 s' });
    figure('lead stored (201), p50', percentile(stored, 50), 'ms');
    figure('server RSS at most', rssMax, 'MB');
    printTable(
      `intake: ${LEADS} leads posted over ${(postedMs / 1000).toFixed(0)} s (SQLite server, one always-on engine, email limit ${EMAIL_PER_MINUTE}/min)`,
      [
        ['what', 'p50', 'p99', 'max', 'count'],
        row('post sent -> server answered 201 (lead stored)', stored, String(stored.length)),
        row('201 -> first email received by the SMTP peer', handed, `${handed.length} of ${LEADS}`),
        row(
          'post sent -> first email received by the SMTP peer',
          handedFromPost,
          `${handed.length} of ${LEADS}`,
        ),
        row('baseline: GET /health at 4x the rate', baseline, String(baseline.length)),
      ],
    );
    const cpu = (from: { cpuMs: number }, to: { cpuMs: number }): string =>
      `CPU ${((to.cpuMs - from.cpuMs) / 1000).toFixed(1)} s over ${(wallMs / 1000).toFixed(0)} s wall (${(((to.cpuMs - from.cpuMs) / wallMs) * 100).toFixed(0)}% of one core)`;
    console.log(
      `  server: RSS ${before.rssMb.toFixed(0)} MB before, ${rssMax.toFixed(0)} MB at most; ${cpu(before, after)}`,
    );
    console.log(
      `  engine: RSS ${engineBefore.rssMb.toFixed(0)} MB before, ${engineRssMax.toFixed(0)} MB at most; ${cpu(engineBefore, engineAfter)}`,
    );
    console.log(`  posts sent again after a reset connection: ${resent}`);
    printTable(
      'where the time went, per lead',
      stageRows(stagesOnServer(join(serverDir.path, SQLITE_FILE)), handedWall),
    );
    printTable('where the server spent its time during the run (its request log)', routes.rows());
    if (handed.length < LEADS) process.exitCode = 1;
  } finally {
    await engine.stop();
    await server.stop();
    await smtp.close();
    serverDir.remove();
    engineDir.remove();
  }
}
