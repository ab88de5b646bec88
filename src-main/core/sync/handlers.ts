// Team-sync handlers: status, sign in (joining the team), sign out. The client itself is built
// by boot when the shell wires a transport (ctx.sync).
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { CoreContext } from '../context';
import type { SyncClient } from './client';

function clientOf(ctx: CoreContext): SyncClient {
  if (ctx.sync === undefined)
    throw new PorchlightError('unavailable', 'Team sync is not available in this Porchlight.');
  return ctx.sync;
}

export function syncHandlers(ctx: CoreContext) {
  return {
    'sync-status': () => clientOf(ctx).status(),
    'sync-sign-in': (args: ValidArgs<'sync-sign-in'>) => clientOf(ctx).signIn(args),
    'sync-sign-out': () => clientOf(ctx).signOut(),
  };
}

export type SyncHandlers = ReturnType<typeof syncHandlers>;
