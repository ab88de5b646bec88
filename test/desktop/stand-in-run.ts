// Starts the built main bundle (out/main/index.js) under plain Node with the Electron
// stand-in, and drives it: waits for what it reports, calls over IPC from a chosen frame,
// fetches our own pages through its protocol handler, clicks, closes, quits.
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../support/headless-process';
import type { StandInCommand, StandInReport } from './stand-in-protocol';

type Waiter = { match: (report: StandInReport) => boolean; resolve: (report: StandInReport) => void };
type WithoutId<T> = T extends { id: number } ? Omit<T, 'id'> : never;

export interface StandInRun {
  reports: StandInReport[];
  /** The first report (already received or still to come) that matches. */
  waitFor<T extends StandInReport['type']>(
    type: T,
    match?: (report: Extract<StandInReport, { type: T }>) => boolean,
  ): Promise<Extract<StandInReport, { type: T }>>;
  send(command: StandInCommand): void;
  ask<R extends 'invoked' | 'fetched' | 'permission'>(
    command: WithoutId<Extract<StandInCommand, { id: number }>>,
    reply: R,
  ): Promise<Extract<StandInReport, { type: R }>>;
  exited: Promise<number | null>;
  output(): string;
  kill(): void;
}

export function startBuiltMain(userDataDir: string): StandInRun {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './test/desktop/register-stand-in.ts',
      'out/main/index.js',
      `--data=${userDataDir}`,
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NODE_NO_WARNINGS: '1', ELECTRON_RENDERER_URL: '' },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const reports: StandInReport[] = [];
  const waiters: Waiter[] = [];
  child.on('message', (message: StandInReport) => {
    reports.push(message);
    for (const waiter of [...waiters])
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let nextId = 1;

  const waitFor: StandInRun['waitFor'] = (type, match) => {
    type Found = Extract<StandInReport, { type: typeof type }>;
    const fits = (report: StandInReport): boolean =>
      report.type === type && (match === undefined || match(report as Found));
    const seen = reports.find(fits);
    if (seen !== undefined) return Promise.resolve(seen as Found);
    return new Promise((resolve, reject) => {
      waiters.push({ match: fits, resolve: (report) => resolve(report as Found) });
      void exited.then((code) =>
        reject(new Error(`the main bundle exited (${code}) before "${type}":\n${output}`)),
      );
    });
  };

  return {
    reports,
    waitFor,
    send: (command) => child.send(command),
    ask: (command, reply) => {
      const id = nextId++;
      const answer = waitFor(reply, (report) => 'id' in report && report.id === id);
      child.send({ ...command, id });
      return answer;
    },
    exited,
    output: () => output,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
