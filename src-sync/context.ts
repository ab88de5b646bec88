// What every route of the sync server is given: its ports (storage, clock, logger) and limits.
// Built once by the caller of createSyncApp; nothing here is module-level state.
import type { SessionAgent } from '../src-shared/sync';
import type { SyncCollectionSpec } from '../src-shared/sync';
import type { ServerStorage } from './storage/server-storage';

export interface Clock {
  now(): number;
}

/** One structured log line; callers never pass personal data, document bodies or tokens. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface SyncDeps {
  storage: ServerStorage;
  clock: Clock;
  logger: Logger;
  /** HS256 key of the access tokens; the same on every instance of one database. */
  tokenKey: string;
  /** The replicated collections; Porchlight's by default, test collections in tests. */
  collections?: readonly SyncCollectionSpec[];
  /**
   * The address the world reaches this server at (`--public-url`, SYNC_PUBLIC_URL), with any
   * path prefix a proxy adds: webhook signatures are checked against it and email links are
   * made on it. Never taken from a request's Host. Absent: webhooks and links are refused.
   */
  publicUrl?: string;
}

/** Hono's environment: the signed-in agent, set by the auth middleware. */
export interface SyncEnv {
  Variables: { agent: SessionAgent };
}

export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const log =
    (level: string) =>
    (event: string, fields: LogFields = {}): void =>
      write(JSON.stringify({ level, event, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export const systemClock: Clock = { now: () => Date.now() };
