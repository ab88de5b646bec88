// The Follow Up Boss feature's contract: connect with the user's API key (kept in the
// SecretStore, never in a document), the status Settings → Follow Up Boss shows (last import of
// people, what is waiting to be recorded in Follow Up Boss, what failed and why), "sync now",
// retrying failed write-backs, and disconnecting. `fub-changed` carries the status.
import { z } from 'zod';

export const fubConnectSchema = z.object({
  /** Empty keeps the key already saved. */
  apiKey: z
    .string()
    .trim()
    .max(200, 'An API key has at most 200 characters.')
    .regex(/^[\w-]*$/, 'Paste the API key exactly as Follow Up Boss shows it (Admin → API).')
    .default(''),
  /** The registered system's key (X-System-Key); empty keeps the one saved. */
  systemKey: z
    .string()
    .trim()
    .max(200)
    .regex(/^[\w-]*$/, 'Paste the system key as Follow Up Boss gave it.')
    .default(''),
  /** Record each message sent and each stage change in Follow Up Boss. */
  writeBack: z.boolean().default(true),
});
export type FubConnectInput = z.input<typeof fubConnectSchema>;

export const followUpBossArgs = {
  'fub-status': z.object({}).default({}),
  'fub-connect': fubConnectSchema,
  'fub-disconnect': z.object({}).default({}),
  'fub-sync-now': z.object({}).default({}),
  'fub-retry-write-backs': z.object({}).default({}),
};

export type FubState = 'not_configured' | 'connected' | 'failed';

export interface FubPollReport {
  at: number;
  /** People read from Follow Up Boss in this run. */
  read: number;
  created: number;
  merged: number;
  unchanged: number;
  /**
   * People whose lead the team gave to a teammate: this desktop no longer holds it, and leaves
   * their changes to the teammate (absent in reports kept before it was counted).
   */
  teammates?: number;
  /** People that could not become a lead, each with the reason in words. */
  refused: string[];
  /** Fields that could not be read, each saying what was kept ("…; the person was kept without a phone"). */
  problems: string[];
}

/** What the last reading of webhook events (received by the team server) did. */
export interface FubEventsReport {
  at: number;
  events: number;
  /** People fetched because an event named them. */
  people: number;
  created: number;
  merged: number;
  unchanged: number;
  /** People whose lead is a teammate's (see FubPollReport). */
  teammates?: number;
  /** Notes, texts, emails and calls put on a lead's timeline. */
  activities: number;
  /** Leads whose person Follow Up Boss deleted (or merged away): kept here, no longer linked. */
  unlinked: number;
  /** Resources an event named that Follow Up Boss no longer had when fetched. */
  gone: number;
  refused: string[];
  problems: string[];
}

/**
 * Webhooks reach the team server; a team admin's desktop (or the always-on engine) reads them.
 * `solo`: no team server; `reading`: this desktop reads them; `not_admin`: another does;
 * `failed`: the last reading stopped (message says why; polling carries on).
 */
export interface FubWebhookStatus {
  state: 'solo' | 'reading' | 'not_admin' | 'failed';
  message: string | null;
  lastRead: FubEventsReport | null;
}

export interface FubWriteBackFailure {
  leadId: string;
  leadName: string;
  what: string;
  error: string;
  attempts: number;
}

export interface FubStatus {
  state: FubState;
  /** What is wrong, in words a person can act on (state `failed`). */
  message: string | null;
  writeBack: boolean;
  hasSystemKey: boolean;
  lastPoll: FubPollReport | null;
  webhooks: FubWebhookStatus;
  /** Leads linked to a Follow Up Boss person. */
  linkedLeads: number;
  failedWriteBacks: FubWriteBackFailure[];
}

export interface FollowUpBossResults {
  'fub-status': FubStatus;
  'fub-connect': FubStatus;
  'fub-disconnect': FubStatus;
  'fub-sync-now': FubStatus;
  'fub-retry-write-backs': FubStatus;
}

export interface FollowUpBossEvents {
  'fub-changed': FubStatus;
}
