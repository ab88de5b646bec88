// Follow Up Boss handlers: status, connect (checks the key against Follow Up Boss before it is
// kept), disconnect, sync now and retry. The service itself is built by boot (ctx.followUpBoss).
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import type { FollowUpBoss } from './service';

function serviceOf(ctx: CoreContext): FollowUpBoss {
  if (ctx.followUpBoss === undefined)
    throw new PorchlightError('unavailable', 'Follow Up Boss is not available in this Porchlight.');
  return ctx.followUpBoss;
}

export function followUpBossHandlers(ctx: CoreContext) {
  return {
    'fub-status': () => serviceOf(ctx).status(),
    'fub-connect': (args: ValidArgs<'fub-connect'>) => serviceOf(ctx).connect(args),
    'fub-disconnect': () => serviceOf(ctx).disconnect(),
    'fub-sync-now': () => serviceOf(ctx).syncNow(),
    'fub-retry-write-backs': () => serviceOf(ctx).retryWriteBacks(),
  };
}
