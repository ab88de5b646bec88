// Core's one entry point for every shell: `invoke(name, args)` validates the arguments with
// the feature's schema from src-shared/ipc (in this one place), runs the handler and returns
// its result; errors leave as PorchlightError with a code. Features register here; a name
// registered twice is an error. Any behaviour is two hops away: this file, then the feature.
// Requests take turns with the engine on the event loop (fair-turns.ts).
import type { z } from 'zod';
import { combine } from '../../src-shared/ipc/combine';
import type { HandlerName, HandlerResult, ValidArgs } from '../../src-shared/ipc/contract';
import { handlerArgs, isHandlerName } from '../../src-shared/ipc/contract';
import { PorchlightError } from '../../src-shared/ipc/errors';
import { agentHandlers } from './agents/handlers';
import { aiHandlers } from './ai/handlers';
import { analyticsHandlers } from './analytics/handlers';
import { assistantHandlers } from './assistant/handlers';
import { channelHandlers } from './channels/handlers';
import { composeHandlers } from './compose/handlers';
import { replyHandlers } from './replies/handlers';
import type { CoreContext } from './context';
import { desktopHandlers } from './desktop/handlers';
import { FairTurns } from './fair-turns';
import { emailHandlers } from './email/handlers';
import { enrollmentHandlers } from './enrollments/handlers';
import { followUpBossHandlers } from './follow-up-boss/handlers';
import { importHandlers } from './imports/handlers';
import { leadBulkHandlers } from './leads/bulk';
import { leadHandlers } from './leads/handlers';
import { listingHandlers } from './listings/handlers';
import { messageHandlers } from './messages/handlers';
import { profileHandlers } from './profile/handlers';
import { scoringHandlers } from './scoring/handlers';
import { sequenceHandlers } from './sequences/handlers';
import { routingHandlers } from './routing/handlers';
import { syncHandlers } from './sync/handlers';
import { taskHandlers } from './tasks/handlers';
import { templateHandlers } from './templates/handlers';
import { workspaceHandlers } from './workspace/handlers';

type HandlerMap = { [K in HandlerName]: (args: ValidArgs<K>) => Promise<HandlerResult<K>> };

export interface CoreApp {
  invoke(name: string, args: unknown): Promise<unknown>;
  context: CoreContext;
}

export function createCoreApp(ctx: CoreContext): CoreApp {
  // One entry per feature; `satisfies` proves every contract name has a handler with the
  // contract's types, and combine throws when two features register the same name.
  const handlers = combine(
    leadHandlers(ctx),
    leadBulkHandlers(ctx),
    agentHandlers(ctx),
    workspaceHandlers(ctx),
    channelHandlers(ctx),
    emailHandlers(ctx),
    scoringHandlers(ctx),
    sequenceHandlers(ctx),
    enrollmentHandlers(ctx),
    templateHandlers(ctx),
    taskHandlers(ctx),
    messageHandlers(ctx),
    analyticsHandlers(ctx),
    aiHandlers(ctx),
    importHandlers(ctx),
    composeHandlers(ctx),
    syncHandlers(ctx),
    routingHandlers(ctx),
    replyHandlers(ctx),
    desktopHandlers(ctx),
    followUpBossHandlers(ctx),
    profileHandlers(ctx),
    assistantHandlers(ctx),
    listingHandlers(ctx),
  ) satisfies HandlerMap;

  const turns = new FairTurns();

  async function invoke(name: string, rawArgs: unknown): Promise<unknown> {
    await turns.admit();
    if (!isHandlerName(name))
      throw new PorchlightError('unknown_handler', `There is no handler named "${name}".`);
    const parsed = handlerArgs[name].safeParse(rawArgs ?? {});
    if (!parsed.success) throw invalidArgs(name, parsed.error);
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    return handler(parsed.data);
  }

  return { invoke, context: ctx };
}

function invalidArgs(name: string, error: z.ZodError): PorchlightError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(arguments)';
    fieldErrors[path] ??= issue.message;
  }
  const summary = Object.entries(fieldErrors)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  return new PorchlightError('invalid_args', `Invalid arguments for ${name}: ${summary}`, fieldErrors);
}

/** Turns anything thrown by a handler into what crosses the contract. */
export function toErrorPayload(error: unknown): ReturnType<PorchlightError['toPayload']> {
  if (error instanceof PorchlightError) return error.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Porchlight: ${message}` };
}
