// The one typed contract between the renderer and core. Each feature declares its argument
// schemas, results and events in its own file; this file lists each feature once. A name
// declared twice is an error at load time. Shells carry exactly `invoke` and `on`, nothing else.
import type { z } from 'zod';
import { aiArgs, type AiEvents, type AiResults } from './ai';
import { analyticsArgs, type AnalyticsResults } from './analytics';
import { assistantArgs, type AssistantEvents, type AssistantResults } from './assistant';
import { appArgs, type AppEvents, type AppResults } from './app';
import { channelArgs, type ChannelEvents, type ChannelResults } from './channels';
import { combine } from './combine';
import { composeArgs, type ComposeResults } from './compose';
import { desktopArgs, type DesktopEvents, type DesktopResults } from './desktop';
import { replyArgs, type ReplyResults } from './replies';
import { emailArgs, type EmailEvents, type EmailResults } from './email';
import { followUpBossArgs, type FollowUpBossEvents, type FollowUpBossResults } from './follow-up-boss';
import { enrollmentArgs, type EnrollmentEvents, type EnrollmentResults } from './enrollments';
import { importArgs, type ImportEvents, type ImportResults } from './imports';
import { agentArgs, type AgentResults } from './agents';
import { leadBulkArgs, type LeadBulkResults } from './lead-bulk';
import { leadArgs, type LeadEvents, type LeadResults } from './leads';
import { listingArgs, type ListingEvents, type ListingResults } from './listings';
import { messageArgs, type MessageEvents, type MessageResults } from './messages';
import { profileArgs, type ProfileEvents, type ProfileResults } from './profile';
import { scoringArgs, type ScoringEvents, type ScoringResults } from './scoring';
import { sequenceArgs, type SequenceEvents, type SequenceResults } from './sequences';
import { routingArgs, type RoutingResults } from './routing';
import { syncArgs, type SyncEvents, type SyncResults } from './sync';
import { taskArgs, type TaskEvents, type TaskResults } from './tasks';
import { templateArgs, type TemplateEvents, type TemplateResults } from './templates';

/** Every feature's argument schemas, one entry per feature (a duplicate name throws). */
export const handlerArgs = combine(
  leadArgs,
  leadBulkArgs,
  agentArgs,
  appArgs,
  channelArgs,
  emailArgs,
  scoringArgs,
  sequenceArgs,
  enrollmentArgs,
  templateArgs,
  taskArgs,
  messageArgs,
  analyticsArgs,
  aiArgs,
  importArgs,
  composeArgs,
  syncArgs,
  routingArgs,
  replyArgs,
  desktopArgs,
  followUpBossArgs,
  profileArgs,
  assistantArgs,
  listingArgs,
);

export type HandlerName = keyof typeof handlerArgs;
export type HandlerResults = LeadResults &
  LeadBulkResults &
  AgentResults &
  AppResults &
  ChannelResults &
  EmailResults &
  ScoringResults &
  SequenceResults &
  EnrollmentResults &
  TemplateResults &
  TaskResults &
  MessageResults &
  AnalyticsResults &
  AiResults &
  ImportResults &
  ComposeResults &
  SyncResults &
  RoutingResults &
  ReplyResults &
  DesktopResults &
  FollowUpBossResults &
  ProfileResults &
  AssistantResults &
  ListingResults;
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
  SequenceEvents &
  EnrollmentEvents &
  TemplateEvents &
  TaskEvents &
  MessageEvents &
  AiEvents &
  ImportEvents &
  SyncEvents &
  DesktopEvents &
  FollowUpBossEvents &
  ProfileEvents &
  AssistantEvents &
  ListingEvents;
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
