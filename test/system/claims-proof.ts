// The exactly-once proof across processes (docs/sync.md, CL-*), shared by the system test (a
// few hundred messages) and `npm run bench -- claims` (2,000): the sync server and three
// always-on engines (`npm run headless -- --server …`), each its own process, with the
// Twilio-compatible and SMTP peers. Messages fall due on every replica at once; while they are
// being dispatched one replica is killed with SIGKILL and started again on its data folder.
// Counted at the peers by each message's marker, against the server's claims:
//   exactly once = reached its peer once; uncertain = the server says uncertain (0 or 1 there);
//   duplicates = reached its peer more than once; lost = reached it never and not uncertain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Lead, Message } from '../../src-shared/domain';
import { startFakeTwilio, type FakeTwilio } from '../channels/fake-twilio-server';
import { startSmtpPeer, type SmtpPeer } from '../channels/mail-peer';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { freePort } from '../support/postgres';
import { initTeam, startSyncServerProcess, type SyncServerProcess } from '../support/sync-server-process';
import { zoneInWorkingHours } from '../support/working-hours';
import { leadDoc } from '../sync/documents';

export interface ClaimsProofCounts {
  messages: number;
  exactlyOnce: number;
  uncertain: number;
  uncertainDelivered: number;
  duplicates: number;
  lost: number;
  /** Sends made by the replica before it was killed (what the peers had then). */
  atKill: number;
  seconds: number;
  /** Claims by state on the server at the end. */
  states: Record<string, number>;
  /** What the server knew of each duplicate or lost message (at most 10), for the report. */
  problems: string[];
}

const MARKER = /\[proof:([\w-]+)\]/;

async function post(url: string, token: string | undefined, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface Team {
  teamId: string;
  adminId: string;
  adminToken: string;
  engines: { email: string; code: string }[];
}

async function signUpTeam(server: SyncServerProcess, adminCode: string): Promise<Team> {
  const session = (await post(`${server.url}/auth/redeem`, undefined, {
    email: 'admin@example.com',
    code: adminCode,
    password: 'correct horse battery',
  })) as { accessToken: string; agent: { id: string; teamId: string } };
  const engines = [];
  for (const n of [1, 2, 3]) {
    const email = `engine${n}@example.com`;
    const invited = (await post(`${server.url}/admin/agents`, session.accessToken, {
      email,
      name: `Engine ${n}`,
      role: 'admin',
    })) as { code: string };
    engines.push({ email, code: invited.code });
  }
  return {
    teamId: session.agent.teamId,
    adminId: session.agent.id,
    adminToken: session.accessToken,
    engines,
  };
}

async function push(
  server: SyncServerProcess,
  token: string,
  collection: string,
  docs: object[],
): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const rows = docs.slice(i, i + 500).map((doc) => ({ newDocumentState: doc }));
    const answer = (await post(`${server.url}/sync/${collection}/push`, token, { rows })) as {
      refused: unknown[];
    };
    if (answer.refused.length > 0)
      throw new Error(`${collection} refused: ${JSON.stringify(answer.refused[0])}`);
  }
}

/** The team's leads and their messages, due at `dueAt` on every replica. */
function teamDocuments(team: Team, count: number, dueAt: number) {
  const zone = zoneInWorkingHours();
  const leads: Lead[] = [];
  const messages: (Message & { _deleted: boolean })[] = [];
  for (let i = 0; i < count; i += 1) {
    const lead = leadDoc(team.teamId, team.adminId, `lead-proof-${i}`, {
      firstName: `Lee${i}`,
      email: `lee${i}@example.com`,
      phone: `+1312555${String(100 + (i % 100)).padStart(4, '0')}`,
      timeZone: zone,
      timeZoneSource: 'given',
      // Imported: no new-lead playbook starts on the replicas; only these messages go out.
      importId: 'claims-proof',
      createdAt: dueAt - 60_000,
      updatedAt: dueAt - 60_000,
    });
    leads.push(lead);
    const channel = i % 2 === 0 ? 'sms' : 'email';
    const id = `msg-proof-${i}`;
    messages.push({
      id,
      teamId: team.teamId,
      ownerId: team.adminId,
      updatedAt: dueAt - 60_000,
      leadId: lead.id,
      direction: 'outbound',
      channel,
      status: 'scheduled',
      createdAt: dueAt - 60_000,
      sendAt: dueAt,
      ...(channel === 'email' ? { subject: `Open house [proof:${id}]` } : {}),
      body: `Hi ${lead.firstName}, the open house is on Saturday. [proof:${id}]`,
      to: channel === 'email' ? lead.email : lead.phone,
      attempt: 0,
      authoredBy: 'template',
      statusHistory: [{ status: 'scheduled', at: dueAt - 60_000 }],
      demo: false,
      _deleted: false,
    });
  }
  const settings = {
    id: 'engine',
    teamId: team.teamId,
    ownerId: team.adminId,
    updatedAt: dueAt - 60_000,
    value: {
      rateLimits: { sms: 100_000, whatsapp: 100_000, email: 100_000, call: 600, notification: 600 },
      sender: {
        agentName: 'Dana Reyes',
        agentPhone: '+15125550100',
        agentEmail: 'dana@example.com',
        teamName: 'Lakeside Realty',
        physicalAddress: '100 Congress Ave, Austin, TX 78701',
        unsubscribeUrlBase: '',
      },
    },
    _deleted: false,
  };
  return { leads: leads.map((l) => ({ ...l, _deleted: false })), messages, settings };
}

interface Peers {
  twilio: FakeTwilio;
  smtp: SmtpPeer;
}

/** How many times each message reached its peer, by its marker. */
function deliveries(peers: Peers): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string) => {
    const id = MARKER.exec(text)?.[1];
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const m of peers.twilio.messages) if (m.direction === 'outbound-api') add(m.body);
  for (const mail of peers.smtp.received) add(mail.parsed.subject ?? '');
  return counts;
}

async function startReplica(
  dataDir: string,
  server: SyncServerProcess,
  twilio: FakeTwilio,
  signIn?: { email: string; code: string },
): Promise<HeadlessProcess> {
  const args = ['--data', dataDir, '--port', '0', '--no-demo', '--twilio-api', twilio.baseUrl];
  args.push('--server', server.url);
  if (signIn !== undefined) args.push('--email', signIn.email, '--token', signIn.code);
  return startHeadless(args, 180_000);
}

async function connectChannels(replica: HeadlessProcess, peers: Peers): Promise<void> {
  const invoke = httpInvoker(replica.url);
  await invoke('email-settings-set', {
    smtp: { host: '127.0.0.1', port: peers.smtp.port, security: 'none', user: '' },
    fromName: 'Dana Reyes',
    fromAddress: 'dana@example.org',
    replyAddress: 'replies@example.org',
    physicalAddress: '100 Congress Ave, Austin, TX 78701',
  });
  await invoke('channels-secrets-set', { name: 'twilio.accountSid', value: peers.twilio.accountSid });
  await invoke('channels-secrets-set', { name: 'twilio.authToken', value: peers.twilio.authToken });
  await invoke('channels-twilio-settings-set', { smsFrom: '+14155550100' });
  for (;;) {
    const status = await invoke('channels-status', {});
    if (status.sms.state === 'connected' && status.email.state === 'connected') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function readServer<T>(serverDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(serverDir, 'sync.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function claimStates(serverDir: string): Map<string, string> {
  return readServer(serverDir, (db) => {
    const rows = db.prepare('SELECT message_id, state FROM claims').all() as {
      message_id: string;
      state: string;
    }[];
    return new Map(rows.map((r) => [r.message_id, r.state]));
  });
}

/** The claim row and the message's history as the server has them. */
function explain(serverDir: string, messageId: string, times: number): string {
  return readServer(serverDir, (db) => {
    const claim = db.prepare('SELECT * FROM claims WHERE message_id = ?').get(messageId);
    const doc = db
      .prepare("SELECT data FROM documents WHERE collection = 'messages' AND id = ?")
      .get(messageId) as { data: string } | undefined;
    const history =
      doc === undefined ? null : (JSON.parse(doc.data) as { statusHistory: unknown }).statusHistory;
    return `${messageId} reached ${times}x; claim ${JSON.stringify(claim)}; history ${JSON.stringify(history)}`;
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runClaimsProof(options: {
  messages: number;
  log?: (line: string) => void;
  deadlineMs?: number;
}): Promise<ClaimsProofCounts> {
  const log = options.log ?? (() => undefined);
  const count = options.messages;
  const root = mkdtempSync(join(tmpdir(), 'porchlight-claims-proof-'));
  const serverDir = join(root, 'server');
  const replicaDirs = [1, 2, 3].map((n) => join(root, `engine-${n}`));
  const peers: Peers = { twilio: await startFakeTwilio(() => Date.now()), smtp: await startSmtpPeer() };
  let server: SyncServerProcess | undefined;
  const replicas: (HeadlessProcess | undefined)[] = [];
  const started = Date.now();
  try {
    const adminCode = await initTeam(serverDir, 'Lakeside Realty', 'admin@example.com');
    server = await startSyncServerProcess(serverDir, await freePort());
    const team = await signUpTeam(server, adminCode);
    // Due a little later than the engines need to start, so every replica has pulled them first.
    const dueAt = Date.now() + 60_000 + count * 10;
    const docs = teamDocuments(team, count, dueAt);
    // The team's engine settings go first: each engine adopts them when it joins.
    await push(server, team.adminToken, 'settings', [docs.settings]);
    log(`server ${server.url}; starting three engines`);
    const running = await Promise.all(
      replicaDirs.map((dir, i) => startReplica(dir, server!, peers.twilio, team.engines[i])),
    );
    replicas.push(...running);
    await Promise.all(running.map((r) => connectChannels(r, peers)));
    await push(server, team.adminToken, 'leads', docs.leads);
    await push(server, team.adminToken, 'messages', docs.messages);
    log(`${count} messages due at ${new Date(dueAt).toISOString()} on three replicas`);

    // Kill one replica in the middle of dispatch, then start it again on its folder.
    const sent = () => [...deliveries(peers).values()].reduce((a, b) => a + b, 0);
    while (sent() < count / 4 && Date.now() < dueAt + 120_000) await sleep(50);
    const atKill = sent();
    const victim = running[0];
    victim?.child.kill('SIGKILL');
    await new Promise((resolve) => victim?.child.once('exit', resolve));
    log(`engine-1 killed with SIGKILL after ${atKill} sends; starting it again`);
    replicas[0] = await startReplica(replicaDirs[0] ?? '', server, peers.twilio);

    // Settled: every message's claim is final on the server (sent, failed, or uncertain).
    const deadline = Date.now() + (options.deadlineMs ?? 240_000);
    let states = claimStates(serverDir);
    const settled = () =>
      [...states.values()].filter((s) => s === 'completed' || s === 'uncertain' || s === 'failed').length;
    while (settled() < count && Date.now() < deadline) {
      await sleep(1000);
      states = claimStates(serverDir);
    }
    await sleep(1000); // a send whose completion was just recorded has reached its peer by now
    for (const [i, replica] of replicas.entries()) {
      const errors = (replica?.output() ?? '').split('\n').filter((line) => /error|fail/i.test(line));
      if (errors.length > 0) log(`engine-${i + 1} said: ${errors.slice(0, 5).join(' | ')}`);
    }
    const reached = deliveries(peers);
    states = claimStates(serverDir);
    const counts: ClaimsProofCounts = {
      messages: count,
      exactlyOnce: 0,
      uncertain: 0,
      uncertainDelivered: 0,
      duplicates: 0,
      lost: 0,
      atKill,
      seconds: Math.round((Date.now() - started) / 1000),
      states: {},
      problems: [],
    };
    for (const state of states.values()) counts.states[state] = (counts.states[state] ?? 0) + 1;
    for (const message of docs.messages) {
      const times = reached.get(message.id) ?? 0;
      const state = states.get(message.id);
      if (times > 1 && counts.problems.length < 5)
        counts.problems.unshift(explain(serverDir, message.id, times));
      else if (times === 0 && state !== 'uncertain' && counts.problems.length < 5)
        counts.problems.push(explain(serverDir, message.id, times));
      if (times > 1) counts.duplicates += 1;
      else if (state === 'uncertain') {
        counts.uncertain += 1;
        counts.uncertainDelivered += times;
      } else if (times === 1) counts.exactlyOnce += 1;
      else counts.lost += 1;
    }
    return counts;
  } finally {
    await Promise.all(replicas.map(async (r) => r?.stop().catch(() => undefined)));
    await server?.stop().catch(() => undefined);
    await peers.twilio.close();
    await peers.smtp.close();
    rmSync(root, { recursive: true, force: true });
  }
}
