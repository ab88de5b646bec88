// A sort on an optional number the selector bounds (the outbox's `sendAt`: inbound and logged
// messages have none) is walked in index order and stops once the page is read, instead of
// reading every row in range and sorting them: the dispatcher's "next message due" at 100k
// pending. Each answer is stated as a plain filter and sort: a bound matches only messages that
// have a send time, as RxDB's matcher answers (RxDB's memory storage, trusting its plan, also
// returns the ones without, which the index keys as 0); ties are ordered by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addRxPlugin,
  createRxDatabase,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuery,
  type RxCollection,
  type RxDatabase,
} from 'rxdb';
import type { Message } from '../../src-shared/domain';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { collectionDefinitions } from '../../src-main/core/store/collections';
import { orderedPrefix } from '../../src-main/core/store/sqlite/query-planner.js';
import { sqliteStorage, type StorageUnderTest } from './fixtures.js';

// The collection's migration strategies need the plugin the app's database adds.
addRxPlugin(RxDBMigrationSchemaPlugin);

const T0 = 1_800_000_000_000;

function message(i: number): Message {
  const statuses = ['scheduled', 'scheduled', 'sent', 'logged'] as const;
  const status = statuses[i % statuses.length] ?? 'scheduled';
  const base: Message = {
    id: `msg-${String(i).padStart(4, '0')}`,
    teamId: 'solo',
    ownerId: 'me',
    updatedAt: T0,
    leadId: `lead-${i % 40}`,
    direction: status === 'logged' ? 'inbound' : 'outbound',
    channel: i % 2 === 0 ? 'sms' : 'email',
    status,
    createdAt: T0,
    body: 'Hi',
    attempt: 0,
    authoredBy: 'template',
    statusHistory: [{ status, at: T0 }],
    demo: false,
  };
  // Every fifth has no send time; many share one (ties are ordered by id).
  if (i % 5 !== 0) base.sendAt = T0 + (i % 23) * 60_000;
  return base;
}

describe('a bounded sort on an optional number', () => {
  const storages: StorageUnderTest[] = [sqliteStorage()];
  type Db = RxDatabase<{ messages: RxCollection<Message> }>;
  const dbs: Db[] = [];

  beforeAll(async () => {
    for (const [i, under] of storages.entries()) {
      // The outbox's own collection, schema and indexes.
      const db: Db = await createRxDatabase({
        name: `order${i}`,
        storage: under.storage(),
        multiInstance: false,
      });
      await db.addCollections({ messages: collectionDefinitions.messages });
      await db.messages.bulkInsert(Array.from({ length: 400 }, (_, k) => message(k)));
      dbs.push(db);
    }
  });
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.close()));
    storages.forEach((s) => s.dispose());
  });

  const all = Array.from({ length: 400 }, (_, k) => message(k));
  const scheduled = (m: Message) => m.status === 'scheduled';
  const cases: [string, MangoQuery<Message>, (m: Message) => boolean, 1 | -1][] = [
    [
      'the next message due (the dispatcher arming its timer)',
      { selector: { status: 'scheduled', sendAt: { $gte: 0 } }, sort: [{ sendAt: 'asc' }], limit: 1 },
      (m) => scheduled(m) && m.sendAt !== undefined,
      1,
    ],
    [
      'what is due now, a page at a time',
      {
        selector: { status: 'scheduled', sendAt: { $lte: T0 + 9 * 60_000 } },
        sort: [{ sendAt: 'asc' }],
        limit: 25,
      },
      (m) => scheduled(m) && m.sendAt !== undefined && m.sendAt <= T0 + 9 * 60_000,
      1,
    ],
    [
      'the latest first, skipped into a page',
      {
        selector: { status: 'scheduled', sendAt: { $gt: T0 } },
        sort: [{ sendAt: 'desc' }],
        skip: 10,
        limit: 15,
      },
      (m) => scheduled(m) && m.sendAt !== undefined && m.sendAt > T0,
      -1,
    ],
    [
      'every settled one since a time, no limit, the index named (start-up catch-up)',
      { selector: { status: 'sent', sendAt: { $gte: T0 + 3 * 60_000 } }, index: ['status', 'sendAt'] },
      (m) => m.status === 'sent' && m.sendAt !== undefined && m.sendAt >= T0 + 3 * 60_000,
      1,
    ],
    [
      'unbounded: the ones without a send time first',
      { selector: { status: 'scheduled' }, sort: [{ sendAt: 'asc' }], limit: 30 },
      scheduled,
      1,
    ],
  ];

  for (const [label, query, matches, direction] of cases) {
    it(label, async () => {
      const [ours] = dbs;
      if (!ours) throw new Error('the store must be open');
      // RxDB sorts by the fields given, then by id ascending (whatever the direction).
      const sorted = all.filter(matches).sort((a, b) => {
        const at = direction * ((a.sendAt ?? -1) - (b.sendAt ?? -1));
        return at !== 0 ? at : a.id < b.id ? -1 : 1;
      });
      const skip = query.skip ?? 0;
      const expected = sorted.slice(skip, skip + (query.limit ?? sorted.length)).map((m) => m.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await ours.messages.find(query).exec()).map((doc) => doc.id)).toEqual(expected);
    });
  }

  it('walks the [status, sendAt] index in order for a bound, and not without one', () => {
    const [reference] = dbs;
    if (!reference) throw new Error('the store must be open');
    const schema = reference.messages.schema.jsonSchema;
    const walk = (selector: NonNullable<MangoQuery<Message>['selector']>) => {
      const query = normalizeMangoQuery(schema, {
        selector,
        sort: [{ sendAt: 'asc' }],
        limit: 1,
        index: ['status', 'sendAt'],
      });
      type Args = Parameters<typeof orderedPrefix>;
      return orderedPrefix(schema as unknown as Args[0], prepareQuery(schema, query));
    };
    expect(walk({ status: 'scheduled', sendAt: { $gte: 0 } })?.direction).toBe('ASC');
    expect(walk({ status: 'scheduled' })).toBeUndefined();
  });
});
