// Runs a TypeScript child process to its end, or kills it with SIGKILL as soon as `killWhen`
// holds (polled every 5 ms), for the kill -9 tests: what it printed, its exit code and signal.
import { spawn } from 'node:child_process';

export interface ChildRun {
  code: number | null;
  signal: string | null;
  out: string;
}

export function runChild(
  script: string,
  args: readonly string[],
  killWhen?: () => boolean,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let watcher: NodeJS.Timeout | undefined;
    if (killWhen !== undefined) {
      watcher = setInterval(() => {
        if (!killWhen()) return;
        clearInterval(watcher);
        child.kill('SIGKILL');
      }, 5);
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (watcher !== undefined) clearInterval(watcher);
      resolve({ code, signal, out });
    });
  });
}

/** The JSON a child printed on its `SUMMARY ` line. */
export function summaryOf<T>(out: string): T {
  const line = out.split('\n').find((l) => l.startsWith('SUMMARY '));
  return JSON.parse(line?.slice('SUMMARY '.length) ?? '{}') as T;
}
