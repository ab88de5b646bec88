// The always-on engine: `npm run headless -- --server URL --email E --token CODE` signs this
// workspace in to the team server once (the one-time sign-in code an admin issued for the
// engine's account; the session it opens is kept in the data folder's 0600 secrets file and
// renewed by itself), then sends the team's follow-ups under the server's claims while every
// laptop sleeps. Later starts need only --server: the kept session resumes.
import { randomBytes } from 'node:crypto';
import type { RunningCore } from '../core/boot';

export interface TeamEngineArgs {
  server: string;
  email?: string | undefined;
  token?: string | undefined;
}

/** Normalises a server URL as typed (no trailing slash); refuses anything but http(s). */
export function serverUrlOf(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `--server "${raw}" is not a URL; give the sync server's address, e.g. https://sync.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`--server "${raw}" must start with https:// (or http:// on this machine).`);
  return url.toString().replace(/\/+$/, '');
}

/** Signs in when needed; returns the line to print once the engine runs for the team. */
export async function joinTeamServer(core: RunningCore, args: TeamEngineArgs): Promise<string> {
  const sync = core.ctx.sync;
  if (sync === undefined) throw new Error('This Porchlight was started without team sync.');
  const serverUrl = serverUrlOf(args.server);
  const current = await sync.status();
  const signedInHere = current.serverUrl === serverUrl && current.agent !== null;
  if (!signedInHere) {
    if (args.email === undefined || args.token === undefined)
      throw new Error(
        `This workspace is not signed in to ${serverUrl}. Start it once with --email (the engine's account) and --token (the one-time sign-in code your admin issued for it).`,
      );
    // The code is spent here; the password is never needed again (the kept session renews itself).
    await sync.signIn({
      serverUrl,
      email: args.email,
      code: args.token,
      password: randomBytes(24).toString('base64url'),
    });
  }
  const status = await sync.status();
  const who = status.agent === null ? 'nobody' : `${status.agent.email} (${status.agent.role})`;
  const scope =
    status.agent?.role === 'admin'
      ? 'every agent’s follow-ups'
      : 'only this account’s and the shared pool’s follow-ups';
  return `Team engine: sending ${scope} for team ${status.agent?.teamId ?? '?'} as ${who} through ${serverUrl}, under the server's claims.`;
}
