// This desktop's Follow Up Boss documents (device-only settings, never replicated): the
// connection ("follow-up-boss": whether it is on and writes back) and the work state
// ("follow-up-boss-state": the newest change imported, the last run's report, the message
// write-back cursor, the write-backs that failed, and how far the team server's webhook
// events were read). The API keys are in the SecretStore.
import { z } from 'zod';
import type { FubEventsReport, FubPollReport } from '../../../src-shared/ipc/follow-up-boss';
import type { PorchlightDatabase } from '../store/collections';

export const FUB_SETTINGS_ID = 'follow-up-boss';
export const FUB_STATE_ID = 'follow-up-boss-state';

const settingsSchema = z.object({
  enabled: z.boolean().catch(false),
  writeBack: z.boolean().catch(true),
});
export type FubSettings = z.infer<typeof settingsSchema>;

const failureSchema = z.object({
  leadId: z.string(),
  what: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  /** Not retried before (epoch ms); "Retry now" clears it. */
  nextAt: z.number(),
});
export type FubFailure = z.infer<typeof failureSchema>;

const stateSchema = z.object({
  /** `updated` of the newest person imported (Follow Up Boss's own time string). */
  checkpoint: z.string().optional(),
  lastPoll: z.custom<FubPollReport>((v) => typeof v === 'object' && v !== null).optional(),
  /** What stopped the last run (a refused key, Follow Up Boss out of reach). */
  error: z.string().nullable().catch(null),
  /** Messages changed up to here have been looked at for write-back. */
  messageCursor: z.object({ updatedAt: z.number(), id: z.string() }).optional(),
  /** Webhook events read up to this position of the team server named by `origin`. */
  eventsCursor: z.object({ origin: z.string(), seq: z.number().int().min(0) }).optional(),
  lastEvents: z.custom<FubEventsReport>((v) => typeof v === 'object' && v !== null).optional(),
  /** The address the account's webhooks were registered for (registered again when it changes). */
  webhooksFor: z.string().optional(),
  /** What stopped the last reading of webhook events. */
  eventsError: z.string().nullable().catch(null),
  /** Keyed `message:<id>` or `stage:<leadId>`. */
  failures: z.record(z.string(), failureSchema).catch({}),
  /**
   * People linked to a lead of another id than `fub-<person id>` (merged into a lead that was
   * there before): person id -> lead id. Kept after the lead leaves this replica, so a person
   * whose lead the team gave to a teammate is recognised by that lead's scope-exit tombstone.
   */
  personLeads: z.record(z.string(), z.string()).catch({}),
});
export type FubWorkState = z.infer<typeof stateSchema>;

interface Owner {
  teamId: string;
  agentId: string;
}

async function read<T>(db: PorchlightDatabase, id: string, schema: z.ZodType<T>): Promise<T> {
  const doc = await db.settings.findOne(id).exec();
  const parsed = schema.safeParse(doc?.value ?? {});
  return parsed.success ? parsed.data : schema.parse({});
}

async function write(db: PorchlightDatabase, id: string, owner: Owner, now: number, value: unknown) {
  await db.settings.upsert({ id, teamId: owner.teamId, ownerId: owner.agentId, updatedAt: now, value });
}

export const readFubSettings = (db: PorchlightDatabase): Promise<FubSettings> =>
  read(db, FUB_SETTINGS_ID, settingsSchema);

export const writeFubSettings = (db: PorchlightDatabase, owner: Owner, now: number, value: FubSettings) =>
  write(db, FUB_SETTINGS_ID, owner, now, value);

export const readFubState = (db: PorchlightDatabase): Promise<FubWorkState> =>
  read(db, FUB_STATE_ID, stateSchema);

export const writeFubState = (db: PorchlightDatabase, owner: Owner, now: number, value: FubWorkState) =>
  write(db, FUB_STATE_ID, owner, now, value);
