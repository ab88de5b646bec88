// Workspace handlers: what the shell shows about itself, the demo workspace switch and the
// getting-started guide.
import type { AppInfo } from '../../../src-shared/ipc/app';
import type { CoreContext } from '../context';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { createDemoWorkspace, hasDemo, removeDemoWorkspace } from '../demo/demo-workspace';
import { firstRunView, updateFirstRun } from './first-run';

export const APP_VERSION = '0.1.0';

export function workspaceHandlers(ctx: CoreContext) {
  return {
    'app-info': async (): Promise<AppInfo> => ({
      version: APP_VERSION,
      shell: ctx.shell,
      dataDir: ctx.dataDir,
      hasDemo: await hasDemo(ctx),
    }),
    'demo-remove': async () => ({ removed: await removeDemoWorkspace(ctx) }),
    'demo-create': async () => ({ created: await createDemoWorkspace(ctx) }),
    'first-run-get': () => firstRunView(ctx),
    'first-run-set': (args: ValidArgs<'first-run-set'>) => updateFirstRun(ctx, args),
  };
}

export type WorkspaceHandlers = ReturnType<typeof workspaceHandlers>;
