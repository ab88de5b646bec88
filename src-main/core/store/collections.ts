// Every collection Porchlight stores: its RxDB schema (derived from the domain's zod shape),
// its indexes (chosen for the queries core runs) and its migration strategies.
// Changing a shape means: bump `version` here and add the strategy for the new version.
import type { MigrationStrategies, RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type {
  Agent,
  Enrollment,
  Lead,
  Listing,
  Message,
  ScoringModel,
  Sequence,
  Setting,
  Suppression,
  Task,
  Template,
} from '../../../src-shared/domain';
import {
  agentSchema,
  enrollmentSchema,
  leadSchema,
  listingSchema,
  messageSchema,
  scoringModelSchema,
  sequenceSchema,
  settingSchema,
  suppressionSchema,
  taskSchema,
  templateSchema,
} from '../../../src-shared/domain';
import type { ImportBatch, ImportRow } from '../../../src-shared/imports/batch';
import { importBatchSchema, importRowSchema } from '../../../src-shared/imports/batch';
import { toRxJsonSchema } from './rx-schema';

export interface CollectionDefinition<T> {
  schema: RxJsonSchema<T>;
  migrationStrategies: MigrationStrategies;
}

export interface PorchlightCollections {
  leads: RxCollection<Lead>;
  messages: RxCollection<Message>;
  sequences: RxCollection<Sequence>;
  enrollments: RxCollection<Enrollment>;
  templates: RxCollection<Template>;
  tasks: RxCollection<Task>;
  suppressions: RxCollection<Suppression>;
  agents: RxCollection<Agent>;
  settings: RxCollection<Setting>;
  scoring_models: RxCollection<ScoringModel>;
  imports: RxCollection<ImportBatch>;
  import_rows: RxCollection<ImportRow>;
  /** The 13th: RxDB's open edition opens 13 collections per process without waiting (0840). */
  listings: RxCollection<Listing>;
}
export type PorchlightDatabase = RxDatabase<PorchlightCollections>;
export type CollectionName = keyof PorchlightCollections;

type Definitions = {
  [K in CollectionName]: CollectionDefinition<
    PorchlightCollections[K] extends RxCollection<infer T> ? T : never
  >;
};

export const collectionDefinitions: Definitions = {
  leads: {
    schema: toRxJsonSchema(leadSchema, {
      version: 3,
      indexes: [
        ['deletedAt', 'score'],
        ['deletedAt', 'stage', 'score'],
        ['deletedAt', 'temperature', 'score'],
        ['deletedAt', 'nameKey'],
        ['deletedAt', 'createdAt'],
        ['deletedAt', 'lastContactAt'],
        ['deletedAt', 'nextFollowUpAt'],
        'email',
        'phone',
        'updatedAt',
      ],
    }),
    // 1: `importId` (optional) added; existing leads were not imported by a batch.
    // 2: `fubId` and `fubStage` (optional) added; no lead was linked to Follow Up Boss before.
    // 3: `homePreferences` and `homesSent` (optional) added; no lead had either before.
    migrationStrategies: { 1: (doc: Lead) => doc, 2: (doc: Lead) => doc, 3: (doc: Lead) => doc },
  },
  messages: {
    schema: toRxJsonSchema(messageSchema, {
      version: 3,
      indexes: [['leadId', 'createdAt'], ['status', 'sendAt'], 'enrollmentId', 'updatedAt'],
    }),
    // 1: statuses waiting_for_channel, rerouted, skipped and `statusReason` (all additive).
    // 2: status waiting_for_profile (additive).
    // 3: `mediaUrls` (optional): no message carried media before.
    migrationStrategies: { 1: (doc: Message) => doc, 2: (doc: Message) => doc, 3: (doc: Message) => doc },
  },
  sequences: {
    schema: toRxJsonSchema(sequenceSchema, { version: 2, indexes: ['status', 'updatedAt'] }),
    // 1: per-step `fallback` and the sequence's `endStages` (optional: absent keeps the defaults).
    // 2: the `property_alert` trigger (additive: no stored sequence has it).
    migrationStrategies: { 1: (doc: Sequence) => doc, 2: (doc: Sequence) => doc },
  },
  enrollments: {
    schema: toRxJsonSchema(enrollmentSchema, {
      version: 0,
      indexes: [['leadId', 'status'], ['sequenceId', 'status'], 'updatedAt'],
    }),
    migrationStrategies: {},
  },
  templates: {
    schema: toRxJsonSchema(templateSchema, { version: 1, indexes: ['updatedAt'] }),
    // 1: an email template's optional `html` part (additive).
    migrationStrategies: { 1: (doc: Template) => doc },
  },
  tasks: {
    schema: toRxJsonSchema(taskSchema, {
      version: 0,
      indexes: [['status', 'dueAt'], 'leadId', 'updatedAt'],
    }),
    migrationStrategies: {},
  },
  suppressions: {
    schema: toRxJsonSchema(suppressionSchema, { version: 0, indexes: ['address', 'updatedAt'] }),
    migrationStrategies: {},
  },
  agents: {
    schema: toRxJsonSchema(agentSchema, { version: 0, indexes: ['updatedAt'] }),
    migrationStrategies: {},
  },
  settings: {
    schema: toRxJsonSchema(settingSchema, { version: 0, indexes: ['updatedAt'] }),
    migrationStrategies: {},
  },
  scoring_models: {
    schema: toRxJsonSchema(scoringModelSchema, { version: 0, indexes: ['updatedAt'] }),
    migrationStrategies: {},
  },
  imports: {
    schema: toRxJsonSchema(importBatchSchema, { version: 0, indexes: ['createdAt', 'updatedAt'] }),
    migrationStrategies: {},
  },
  import_rows: {
    schema: toRxJsonSchema(importRowSchema, {
      version: 0,
      indexes: [['batchId', 'row'], 'updatedAt'],
    }),
    migrationStrategies: {},
  },
  listings: {
    schema: toRxJsonSchema(listingSchema, {
      version: 1,
      indexes: [['StandardStatus', 'ListPrice'], 'ModificationTimestamp', 'updatedAt'],
    }),
    // 1: `alertAt` and `alertKind` (optional): a home stored before was no one's news.
    migrationStrategies: { 1: (doc: Listing) => doc },
  },
};
