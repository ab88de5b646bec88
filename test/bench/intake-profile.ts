// Where the intake bench's server time goes, from the server's own request log (one JSON line
// per request on stdout: route pattern, status, duration): per route, how many requests and
// how long they took. Read beside the bench's figures to see which step of "post → first
// message handed" carries the cost (intake, pulls and pushes of the engine, claims).
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ms, percentile } from './stats';

const CLOCK_TICK = 100; // /proc stat ticks per second on Linux

/** A process's CPU time so far (user + system) and its resident memory now. */
export function processUsage(pid: number): { cpuMs: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpuMs: (ticks * 1000) / CLOCK_TICK, rssMb: Number(rss ?? 0) / 1024 };
}

export interface RouteTally {
  /** Starts counting from now (requests logged before are left out). */
  start(): void;
  stop(): void;
  /** Rows for printTable: route, count, total, p50, p99 of the request durations. */
  rows(): string[][];
}

/** Tallies the server's request log lines (streams, which stay open, are left out). */
export function tallyRoutes(child: ChildProcess): RouteTally {
  const byRoute = new Map<string, number[]>();
  let counting = false;
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    if (!counting) return;
    for (const text of lines) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      if (line.event !== 'request' || typeof line.route !== 'string' || line.route.endsWith('/stream'))
        continue;
      const refused = typeof line.status === 'number' && line.status >= 300 ? ` -> ${line.status}` : '';
      const key = `${String(line.method)} ${line.route}${typeof line.collection === 'string' ? ` (${line.collection})` : ''}${refused}`;
      const list = byRoute.get(key) ?? [];
      list.push(Number(line.ms));
      byRoute.set(key, list);
    }
  });
  return {
    start: () => void (counting = true),
    stop: () => void (counting = false),
    rows: () => [
      ['server route', 'requests', 'total', 'p50', 'p99'],
      ...[...byRoute]
        .map(([route, list]) => ({ route, list, total: list.reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.total - a.total)
        .map(({ route, list, total }) => [
          route,
          String(list.length),
          ms(total),
          ms(percentile(list, 50)),
          ms(percentile(list, 99)),
        ]),
    ],
  };
}

interface StageTimes {
  /** The server stored the lead (its createdAt, set by intake). */
  stored: number;
  /** The engine made the first email (the message's createdAt). */
  planned?: number;
  claimed?: number;
  sending?: number;
  sent?: number;
}

/**
 * Each bench lead's steps as the server's copy of the documents tells them (the lead's
 * createdAt, the first email's createdAt and status history as the engine pushed it back), so
 * the time between the 201 and the hand-over splits into: the engine hearing of the lead and
 * planning its email, the claim, and the send. Keyed by the lead's email.
 */
export function stagesOnServer(sqliteFile: string): Map<string, StageTimes> {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const leads = new Map<string, { email: string; stored: number }>();
    for (const row of db.prepare("SELECT data FROM documents WHERE collection = 'leads'").all() as {
      data: string;
    }[]) {
      const lead = JSON.parse(row.data) as { id: string; email?: string; createdAt: number };
      if (lead.email !== undefined) leads.set(lead.id, { email: lead.email, stored: lead.createdAt });
    }
    const stages = new Map<string, StageTimes>();
    for (const { email, stored } of leads.values()) stages.set(email, { stored });
    for (const row of db.prepare("SELECT data FROM documents WHERE collection = 'messages'").all() as {
      data: string;
    }[]) {
      const message = JSON.parse(row.data) as {
        leadId: string;
        channel: string;
        direction: string;
        createdAt: number;
        statusHistory: { status: string; at: number }[];
      };
      const lead = leads.get(message.leadId);
      if (lead === undefined || message.channel !== 'email' || message.direction !== 'outbound') continue;
      const stage = stages.get(lead.email);
      if (stage === undefined || (stage.planned !== undefined && stage.planned <= message.createdAt))
        continue;
      const at = (status: string) => message.statusHistory.find((change) => change.status === status)?.at;
      const [claimed, sending, sent] = [at('claimed'), at('sending'), at('sent')];
      stages.set(lead.email, {
        stored: lead.stored,
        planned: message.createdAt,
        ...(claimed === undefined ? {} : { claimed }),
        ...(sending === undefined ? {} : { sending }),
        ...(sent === undefined ? {} : { sent }),
      });
    }
    return stages;
  } finally {
    db.close();
  }
}

/** Rows for printTable: p50 / p99 of each step between two stage times. */
export function stageRows(stages: Map<string, StageTimes>, handedAt: Map<string, number>): string[][] {
  const steps: [string, (s: StageTimes, handed: number | undefined) => number | undefined][] = [
    ['stored -> engine planned the email', (s) => s.planned && s.planned - s.stored],
    ['planned -> claim granted', (s) => s.claimed && s.planned && s.claimed - s.planned],
    ['claimed -> sending', (s) => s.sending && s.claimed && s.sending - s.claimed],
    ['sending -> SMTP peer received it', (s, h) => h && s.sending && h - s.sending],
    ['SMTP peer received -> sent recorded', (s, h) => s.sent && h && s.sent - h],
  ];
  return [
    ['step (server copy of the documents)', 'p50', 'p99', 'count'],
    ...steps.map(([name, of]) => {
      const values = [...stages].flatMap(([email, s]) => {
        const value = of(s, handedAt.get(email));
        return value === undefined ? [] : [value];
      });
      return [name, ms(percentile(values, 50)), ms(percentile(values, 99)), String(values.length)];
    }),
  ];
}
