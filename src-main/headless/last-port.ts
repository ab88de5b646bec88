// The port the headless shell listened on last time, kept in the data folder, so a bookmark
// of http://127.0.0.1:PORT/ keeps working across restarts while that port is free.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LAST_PORT_FILE = 'headless-port';

export function readLastPort(dataDir: string): number | undefined {
  try {
    const port = Number(readFileSync(join(dataDir, LAST_PORT_FILE), 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port <= 65_535 ? port : undefined;
  } catch {
    return undefined;
  }
}

export function writeLastPort(dataDir: string, port: number): void {
  writeFileSync(join(dataDir, LAST_PORT_FILE), `${port}\n`, { mode: 0o600 });
}

/** What to say when the remembered port was taken and another was used. */
export function portMovedNotice(wanted: number, got: number): string {
  return `Port ${wanted} (used last time) is taken by another program; Porchlight is on ${got} this time, so a bookmark of port ${wanted} will not open it.`;
}
