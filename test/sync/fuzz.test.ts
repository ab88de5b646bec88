// Fuzzed pull and push requests (fast-check): every malformed one is answered 4xx with a JSON
// error, nothing of it is stored, and the server goes on serving.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { bearer, createTeam, sqliteStorage, tempDir, testApp } from './harness';

let dir: ReturnType<typeof tempDir>;
let storage: ServerStorage;
let test: ReturnType<typeof testApp>;
let admin: SessionResponse;
let teamId: string;

beforeAll(async () => {
  dir = tempDir();
  storage = await sqliteStorage(dir.path);
  test = testApp(storage);
  const team = await createTeam(test);
  admin = team.admin;
  teamId = team.teamId;
});
afterAll(async () => {
  await storage.close();
  dir.remove();
});

const collections = fc.constantFrom('leads', 'messages', 'suppressions', 'settings', 'nope', '..%2F', '');
// Bodies that are not a push: wrong JSON, wrong shapes, rows that are not documents.
const badPushBody = fc.oneof(
  fc.string(),
  fc.json().filter((text) => !/"rows"/.test(text)),
  fc
    .record({ rows: fc.oneof(fc.constant([]), fc.array(fc.anything(), { maxLength: 3 }), fc.anything()) })
    .map((v) => JSON.stringify(v)),
  fc
    .array(fc.record({ newDocumentState: fc.anything() }), { minLength: 1, maxLength: 3 })
    .map((rows) => JSON.stringify({ rows })),
);

describe('fuzzed requests', () => {
  it('malformed pushes are 4xx or refused per document; nothing is stored; the server keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(collections, badPushBody, async (collection, body) => {
        const response = await test.app.request(`/sync/${collection}/push`, {
          method: 'POST',
          headers: bearer(admin, { 'content-type': 'application/json' }),
          body,
        });
        const answer = (await response.json()) as Record<string, unknown>;
        if (response.status === 200) {
          // Well-formed rows of ill-formed documents: each refused, none stored.
          expect(Array.isArray(answer.refused) && answer.refused.length > 0).toBe(true);
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(typeof answer.code).toBe('string');
          expect(typeof answer.message).toBe('string');
        }
        expect(await storage.latestSeq(teamId)).toBe(1);
      }),
      { numRuns: 300 },
    );
    expect((await test.app.request('/health')).status).toBe(200);
  });

  it('malformed pull queries are 4xx with a JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(
        collections,
        fc.dictionary(
          fc.constantFrom('seq', 'limit', 'x'),
          fc.oneof(fc.string(), fc.integer().map(String), fc.constant('-1'), fc.constant('1e309')),
        ),
        async (collection, query) => {
          const response = await test.app.request(
            `/sync/${collection}/pull?${new URLSearchParams(query).toString()}`,
            { headers: bearer(admin) },
          );
          expect(response.status).toBeLessThan(500);
          const answer = (await response.json()) as Record<string, unknown>;
          if (response.status !== 200) expect(typeof answer.code).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
