// Workspace handlers: what the shell shows about itself and the demo workspace switch.
import type { AppInfo } from '../../../src-shared/ipc/app';
import type { CoreContext } from '../context';
import { createDemoWorkspace, hasDemo, removeDemoWorkspace } from '../demo/demo-workspace';

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
  };
}

export type WorkspaceHandlers = ReturnType<typeof workspaceHandlers>;
