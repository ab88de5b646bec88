// The one typed contract between the renderer and core. Each feature declares its argument
// schemas, results and events in its own file; this file joins them. A name declared twice
// is an error at load time. Shells carry exactly `invoke` and `on`, nothing else.
import type { z } from 'zod';
import type { AiEvents, AiResults } from './ai';
import { aiArgs } from './ai';
import type { AppEvents, AppResults } from './app';
import { appArgs } from './app';
import type { ChannelEvents, ChannelResults } from './channels';
import { channelArgs } from './channels';
import type { EmailEvents, EmailResults } from './email';
import { emailArgs } from './email';
import type { EngineEvents, EngineResults } from './engine';
import { engineArgs } from './engine';
import type { LeadEvents, LeadResults } from './leads';
import { leadArgs } from './leads';
import type { ScoringEvents, ScoringResults } from './scoring';
import { scoringArgs } from './scoring';

type ArgSchemas = Record<string, z.ZodType>;

/** Joins feature argument maps; throws when two features declare the same handler name. */
export function joinFeatures<A extends ArgSchemas, B extends ArgSchemas>(a: A, b: B): A & B {
  for (const name of Object.keys(b)) {
    if (Object.hasOwn(a, name)) throw new Error(`handler "${name}" is declared by two features`);
  }
  return { ...a, ...b };
}

export const handlerArgs = joinFeatures(
  joinFeatures(
    joinFeatures(
      joinFeatures(joinFeatures(joinFeatures(leadArgs, appArgs), channelArgs), emailArgs),
      scoringArgs,
    ),
    engineArgs,
  ),
  aiArgs,
);

export type HandlerName = keyof typeof handlerArgs;
export type HandlerResults = LeadResults &
  AppResults &
  ChannelResults &
  EmailResults &
  ScoringResults &
  EngineResults &
  AiResults;
/** What a caller passes (defaults may be omitted). */
export type HandlerArgs<K extends HandlerName> = z.input<(typeof handlerArgs)[K]>;
/** What a handler receives after validation. */
export type ValidArgs<K extends HandlerName> = z.output<(typeof handlerArgs)[K]>;
export type HandlerResult<K extends HandlerName> = HandlerResults[K];

export type EventPayloads = LeadEvents &
  AppEvents &
  ChannelEvents &
  EmailEvents &
  ScoringEvents &
  EngineEvents &
  AiEvents;
export type EventName = keyof EventPayloads;

export function isHandlerName(name: string): name is HandlerName {
  return Object.hasOwn(handlerArgs, name);
}

/** What the renderer sees, whichever shell carries it. */
export interface Bridge {
  invoke<K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<HandlerResult<K>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** The raw shape the preload exposes and the headless client implements. */
export interface RawBridge {
  invoke(name: string, args: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}
