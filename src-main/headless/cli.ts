// `npm run headless`: the same core without Electron. Opens the workspace in a data folder,
// serves the built renderer and the contract on 127.0.0.1, and prints the URL to open.
// Ctrl-C and SIGTERM close the database cleanly; a second instance on the folder refuses.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectChannels } from '../adapters/connect-channels';
import { inAppNotifier } from '../adapters/notifications/in-app-notifier';
import { FileSecretStore } from '../adapters/secrets/file-secret-store';
import { createHttpSyncTransport } from '../adapters/sync/http-transport';
import { bootCore } from '../core/boot';
import { DataFolderLockedError } from '../core/store/data-lock';
import { defaultDataDir } from './data-dir';
import { startHeadlessServer } from './server';

const usage = `Usage: npm run headless -- [--data DIR] [--port N] [--no-demo]
  --data DIR   workspace folder (default ${defaultDataDir()})
  --port N     port on 127.0.0.1 (default 0: any free port)
  --no-demo    do not create the demo workspace on first run`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      'no-demo': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port "${values.port}" is not a port number (0-65535).`);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir} is missing). Run "npm run build" first.`);
  }
  const dataDir = resolve(values.data ?? defaultDataDir());
  const core = await bootCore({
    dataDir,
    shell: 'headless',
    demo: !values['no-demo'],
    secrets: new FileSecretStore(dataDir),
    connect: (ctx) => connectChannels(ctx, { notifier: inAppNotifier(ctx.events) }),
    syncTransport: createHttpSyncTransport(),
  });
  const server = await startHeadlessServer({ app: core.app, events: core.ctx.events, rendererDir, port });

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
  console.log(`Open ${server.url}`);
}

main().catch((error: unknown) => {
  if (error instanceof DataFolderLockedError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
