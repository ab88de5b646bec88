// Runs the sync server as its own process through its command line (`npm run sync-server`), as
// a brokerage would: `init` for a team, then the server on a data folder and a port.
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './headless-process';

/** A fixed access-token key for every instance a test starts on one data folder. */
export const SERVER_TOKEN_KEY = 'cross-process-token-key-0123456789abcdef';

function runCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src-sync/cli.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SYNC_TOKEN_KEY: SERVER_TOKEN_KEY, NODE_NO_WARNINGS: '1', ...env },
  });
}

/** `sync-server init`: creates a team and its admin; the one-time sign-in code it printed. */
export async function initTeam(dataDir: string, team: string, adminEmail: string): Promise<string> {
  const child = runCli(['init', '--team', team, '--admin', adminEmail, '--data', dataDir]);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const printed = /One-time sign-in code: (\S+)/.exec(output)?.[1];
  if (code !== 0 || printed === undefined) throw new Error(`sync-server init failed (${code}):\n${output}`);
  return printed;
}

export interface SyncServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM: finishes pushes in flight, then exits. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
  /** Resolves with the first log line (JSON, on stdout) from now on that `match` accepts. */
  nextLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** The server on `dataDir` (SQLite), or on PostgreSQL when `env` has a DATABASE_URL. */
export function startSyncServerProcess(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<SyncServerProcess> {
  const child = runCli(['--data', dataDir, '--port', String(port)], env);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const watchers = new Set<(line: Record<string, unknown>) => void>();
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines.filter((line) => line.startsWith('{'))) {
      const line = JSON.parse(text) as Record<string, unknown>;
      for (const watch of watchers) watch(line);
    }
  });
  const nextLog = (match: (line: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const watch = (line: Record<string, unknown>): void => {
        if (!match(line)) return;
        watchers.delete(watch);
        resolve(line);
      };
      watchers.add(watch);
    });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Sync server listening'))
        resolve({
          url: `http://127.0.0.1:${port}`,
          child,
          stop: () => end('SIGTERM'),
          kill: () => end('SIGKILL'),
          nextLog,
        });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`sync server exited with ${child.exitCode}:\n${output}`)));
  });
}
