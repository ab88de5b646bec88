// `npm run headless`: the same core without Electron. Opens the workspace in a data folder,
// serves the built renderer and the contract on 127.0.0.1, and prints the URL to open.
// Ctrl-C and SIGTERM close the database cleanly; a second instance on the folder refuses.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectChannels } from '../adapters/connect-channels';
import { createFubHttpApi } from '../adapters/follow-up-boss/http-api';
import { createResoWebApi } from '../adapters/reso/web-api';
import { inAppNotifier } from '../adapters/notifications/in-app-notifier';
import { FileSecretStore } from '../adapters/secrets/file-secret-store';
import { createHttpSyncTransport } from '../adapters/sync/http-transport';
import { bootCore, type RunningCore } from '../core/boot';
import { DataFolderLockedError } from '../core/store/data-lock';
import { defaultDataDir } from './data-dir';
import { DataFolderPermissionError, tightenDataFolder } from './data-folder-permissions';
import { portMovedNotice, readLastPort, writeLastPort } from './last-port';
import { bindFubKeys, fubOrigin } from './fub-origin';
import { bindTwilioKeys, twilioOrigin } from './twilio-origin';
import { startHeadlessServer, type HeadlessServer } from './server';
import { joinTeamServer, serverUrlOf } from './team-engine';

const usage = `Usage: npm run headless -- [--data DIR] [--port N] [--no-demo]
  --data DIR   workspace folder (default ${defaultDataDir()})
  --port N     port on 127.0.0.1 (default: the one used last time if free, else any; 0: any free port)
  --no-demo    do not create the demo workspace on first run
  --twilio-api URL  a Twilio-compatible API origin instead of Twilio's own (the keys go there)
  --server URL      run as the team's always-on engine: send the team's follow-ups under the
                    sync server's claims (README: "The always-on engine")
  --email E --token CODE  the first time with --server: the engine's account and the
                    one-time sign-in code an admin issued for it
  --fub-api URL     a Follow Up Boss-compatible API (origin + /v1) instead of Follow Up Boss's own`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      'twilio-api': { type: 'string' },
      server: { type: 'string' },
      email: { type: 'string' },
      token: { type: 'string' },
      'fub-api': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const givenPort = values.port === undefined ? undefined : Number(values.port);
  if (givenPort !== undefined && (!Number.isInteger(givenPort) || givenPort < 0 || givenPort > 65_535)) {
    throw new Error(`--port "${values.port}" is not a port number (0-65535).`);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir} is missing). Run "npm run build" first.`);
  }
  if (values.server !== undefined) serverUrlOf(values.server);
  const dataDir = resolve(values.data ?? defaultDataDir());
  if (existsSync(dataDir)) {
    for (const path of tightenDataFolder(dataDir).fixed)
      console.log(`Tightened ${path} (only you may read it now).`);
  }
  const secrets = new FileSecretStore(dataDir);
  const twilioApi = twilioOrigin(values['twilio-api']);
  const fubApi = fubOrigin(values['fub-api']);
  const core = await bootCore({
    dataDir,
    shell: 'headless',
    demo: !values['no-demo'],
    secrets,
    // Under the data folder's lock, before Twilio connects and Follow Up Boss runs: keys saved
    // for another origin go.
    connect: async (base) => {
      for (const notice of [
        await bindTwilioKeys(dataDir, secrets, twilioApi),
        await bindFubKeys(dataDir, secrets, fubApi),
      ])
        if (notice !== undefined) console.log(notice);
      return connectChannels(
        base,
        { notifier: inAppNotifier(base.events) },
        values['twilio-api'] === undefined ? {} : { twilioApiBaseUrl: values['twilio-api'] },
      );
    },
    syncTransport: createHttpSyncTransport(),
    followUpBoss: createFubHttpApi(values['fub-api'] === undefined ? {} : { baseUrl: values['fub-api'] }),
    resoFeed: (connection) => createResoWebApi(connection),
  });
  const teamLine =
    values.server === undefined
      ? undefined
      : await joinTeamServer(core, { server: values.server, email: values.email, token: values.token }).catch(
          async (error: unknown) => {
            await core.close();
            throw error;
          },
        );
  const server = await listen(core, rendererDir, dataDir, givenPort);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing Porchlight…`);
    server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('Porchlight did not close cleanly:', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  console.log(`Porchlight is running (data: ${dataDir}).`);
  if (teamLine !== undefined) console.log(teamLine);
  console.log(`Open ${server.url}`);
}

/** The given port, or the last one when it is free (said when it is not), or any free port. */
async function listen(
  core: RunningCore,
  rendererDir: string,
  dataDir: string,
  givenPort: number | undefined,
): Promise<HeadlessServer> {
  const start = (port: number): Promise<HeadlessServer> =>
    startHeadlessServer({ app: core.app, events: core.ctx.events, rendererDir, port });
  const lastPort = givenPort === undefined ? readLastPort(dataDir) : undefined;
  let server: HeadlessServer;
  if (lastPort === undefined) server = await start(givenPort ?? 0);
  else {
    server = await start(lastPort).catch(() => start(0));
    if (server.port !== lastPort) console.log(portMovedNotice(lastPort, server.port));
  }
  writeLastPort(dataDir, server.port);
  return server;
}

main().catch((error: unknown) => {
  if (error instanceof DataFolderLockedError || error instanceof DataFolderPermissionError)
    console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
