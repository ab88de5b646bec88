// Team routing handlers (docs/routing.md): each asks the team server this desktop is signed in
// to; the rules themselves live there. Solo, or signed out, they say so. A refusal comes back
// in the server's words; an admin's edit was already checked field by field by the contract.
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { CoreContext } from '../context';
import type { SyncClaimHandlers } from '../ports/sync-transport';
import { SyncTransportError } from '../ports/sync-transport';

function teamServer(ctx: CoreContext): SyncClaimHandlers {
  const connection = ctx.sync?.teamClaims();
  if (connection === undefined)
    throw new PorchlightError(
      'unavailable',
      'Lead routing needs a team: sign in to your team’s sync server in Settings → Team first.',
    );
  return connection.handlers;
}

async function asked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SyncTransportError && error.kind === 'refused')
      throw new PorchlightError(error.code === 'already_taken' ? 'conflict' : 'validation', error.message);
    if (error instanceof SyncTransportError)
      throw new PorchlightError(
        'unavailable',
        'The team server is out of reach; try again when this computer is online.',
      );
    throw error;
  }
}

export function routingHandlers(ctx: CoreContext) {
  return {
    'team-routing-get': () => asked(() => teamServer(ctx).routing()),
    'team-routing-set': (args: ValidArgs<'team-routing-set'>) =>
      asked(() => teamServer(ctx).saveRouting(args.rules)),
    'team-receiving-set': (args: ValidArgs<'team-receiving-set'>) =>
      asked(() => teamServer(ctx).setReceiving(args.paused)),
    'team-lead-take': async (args: ValidArgs<'team-lead-take'>) => {
      const taken = await asked(() => teamServer(ctx).takeLead(args.leadId));
      // The lead's new owner arrives by replication; pull it now rather than at the next change.
      ctx.sync?.reSync();
      return taken;
    },
  };
}

export type RoutingHandlers = ReturnType<typeof routingHandlers>;
