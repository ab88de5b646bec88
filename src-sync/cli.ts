// `npm run sync-server -- [command] [options]`:
//   (none)   --data DIR [--port N] [--host H] [--public-url URL]
//                                                  run the server (PostgreSQL when DATABASE_URL is set)
//   init     --team NAME --admin EMAIL [--data DIR]  create a team and its admin, print a sign-in code
//   backup   --data DIR --to FILE                  online copy of the SQLite database
// The access-token key comes from SYNC_TOKEN_KEY, or a 0600 file `token-key` in the data folder.
// The public URL (SYNC_PUBLIC_URL or --public-url) is where Twilio, Follow Up Boss, websites and
// email links reach the server, path prefix included; without it webhooks and links are refused.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emailSchema } from '../src-shared/sync';
import { createTeamWithAdmin } from './accounts/team';
import { jsonLogger, systemClock } from './context';
import { listenSyncServer } from './server';
import { openStorage } from './storage/open';
import { SqliteServerStorage } from './storage/sqlite-storage';
import { settingsPlace } from '../src-shared/settings-sections';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function tokenKey(dataDir: string | undefined): string {
  const fromEnv = process.env.SYNC_TOKEN_KEY;
  if (fromEnv !== undefined && fromEnv.length >= 32) return fromEnv;
  if (dataDir === undefined)
    fail('Set SYNC_TOKEN_KEY (32+ characters, the same on every instance) or pass --data DIR.');
  const file = join(dataDir, 'token-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    team: { type: 'string' },
    admin: { type: 'string' },
    to: { type: 'string' },
    'public-url': { type: 'string' },
  },
});
const command = positionals[0] ?? 'serve';
const databaseUrl = process.env.DATABASE_URL;

if (command === 'init') {
  const admin = emailSchema.safeParse(values.admin ?? '');
  if (values.team === undefined || values.team.trim() === '' || !admin.success) {
    fail('Usage: npm run sync-server -- init --team "Lakeside Realty" --admin jane@example.com [--data DIR]');
  }
  const storage = await openStorage({ dataDir: values.data, databaseUrl });
  try {
    const created = await createTeamWithAdmin(storage, systemClock, {
      teamName: values.team.trim(),
      adminEmail: admin.data,
    });
    process.stdout.write(
      `Team "${values.team.trim()}" created with admin ${admin.data}.\n` +
        `One-time sign-in code: ${created.code}\n` +
        `It works once, until ${new Date(created.expiresAt).toISOString()}: sign in from Porchlight's ${settingsPlace('team')} with this email and code, and choose a password.\n`,
    );
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    await storage.close();
  }
} else if (command === 'backup') {
  if (values.data === undefined || values.to === undefined)
    fail('Usage: npm run sync-server -- backup --data DIR --to FILE');
  if (existsSync(values.to)) fail(`${values.to} already exists; choose a new file name.`);
  const storage = new SqliteServerStorage(join(values.data, 'sync.sqlite'));
  await storage.backup(values.to);
  await storage.close();
  process.stdout.write(`Backed up to ${values.to}.\n`);
} else if (command === 'serve') {
  const port = Number(values.port ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`--port ${values.port} is not a port number.`);
  const publicUrl = values['public-url'] ?? process.env.SYNC_PUBLIC_URL;
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl))
    fail(
      `--public-url ${publicUrl} is not an http(s) address without a query, such as https://sync.example.com/porchlight.`,
    );
  const logger = jsonLogger();
  const storage = await openStorage({ dataDir: values.data, databaseUrl });
  const server = await listenSyncServer(
    {
      storage,
      clock: systemClock,
      logger,
      tokenKey: tokenKey(values.data),
      ...(publicUrl === undefined ? {} : { publicUrl }),
    },
    { port, host: values.host ?? '127.0.0.1' },
  );
  logger.info('listening', { url: server.url, storage: storage.kind });
  process.stdout.write(`Sync server listening on ${server.url}\n`);
  const shutdown = (): void => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} else {
  fail(`Unknown command "${command}". Commands: init, backup, or none to run the server.`);
}
