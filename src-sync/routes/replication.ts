// Replication routes per collection (docs/sync.md SY-P*): pull by checkpoint, push with the
// assumed master state, and the live SSE stream. Every read and write is scoped to the
// signed-in agent's team, and to their own and the pool's documents in owned collections; a
// document that left that scope reaches the agent once more, as a tombstone (SY-S6).
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import {
  pullQuerySchema,
  pushRequestSchema,
  scopeExitTombstone,
  STREAM_KEEP_ALIVE_MS,
  type PushResponse,
  type SessionAgent,
  type SyncCollectionSpec,
} from '../../src-shared/sync';
import type { SyncDeps, SyncEnv } from '../context';
import { limitBody } from '../middleware/body-limit';
import { SyncError } from '../middleware/errors';
import { rateLimit } from '../middleware/rate-limit';
import { pullBody } from '../replication/pull-body';
import { checkRows, planPush, visibleOwners } from '../replication/push-plan';
import { noteImporters } from '../routing/import-undo';
import { parseBody, parseValue } from './parse';

/** Push bodies: 500 documents of a few KB each fit comfortably. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

export interface StreamRegistry {
  /** Ends every open stream (shutdown); clients reconnect to another instance and RESYNC. */
  closeAll(): void;
}

export function replicationRoutes(
  deps: SyncDeps,
  collections: readonly SyncCollectionSpec[],
): { routes: Hono<SyncEnv>; streams: StreamRegistry } {
  const { storage, clock } = deps;
  const byName = new Map(collections.map((spec) => [spec.name, spec]));
  const routes = new Hono<SyncEnv>();
  const closers = new Set<() => void>();
  // Set once the server shuts down: a stream still opening then closes as soon as it is set up.
  let closing = false;

  function specOf(name: string): SyncCollectionSpec {
    const spec = byName.get(name);
    if (spec === undefined)
      throw new SyncError(404, 'unknown_collection', `"${name}" is not a collection this server replicates.`);
    return spec;
  }

  routes.use(
    '*',
    rateLimit<SyncEnv>({
      // An always-on engine answering 1,000 new leads a minute pushes ~3,600 times a minute at its
      // peaks (docs/benchmarks.md, Lead intake); a 429 beyond this is waited out by the client.
      perMinute: 3000,
      burst: 600,
      clock,
      key: (c) => c.var.agent.id,
      message: 'Too many sync requests from this account.',
    }),
  );

  // SY-P2: documents after the checkpoint, in the server's order, the caller's scope only.
  routes.get('/:collection/pull', async (c) => {
    const spec = specOf(c.req.param('collection'));
    const query = parseValue(pullQuerySchema, c.req.query());
    const agent = c.var.agent;
    const rows = await storage.pullChanges(
      agent.teamId,
      spec.name,
      query.seq,
      query.limit,
      visibleOwners(spec, agent),
    );
    return c.body(pullBody(spec.name, rows, query.seq), 200, { 'content-type': 'application/json' });
  });

  // SY-P3..P5: one transaction per push; per-document refusals never fail the others.
  routes.post('/:collection/push', limitBody(PUSH_BODY_LIMIT), async (c) => {
    const spec = specOf(c.req.param('collection'));
    const input = await parseBody(c, pushRequestSchema);
    const agent = c.var.agent;
    const { checked, refused } = checkRows(spec, agent, input.rows);
    const plan = await storage.writeDocuments(
      agent.teamId,
      spec.name,
      checked.map((row) => row.id),
      (masters) => {
        const planned = planPush(spec, agent, checked, masters);
        return { writes: planned.writes, result: planned };
      },
    );
    // Who imported the pool leads of a desktop's import, so that agent can undo it (import-undo.ts).
    if (spec.name === 'leads')
      await noteImporters(
        storage,
        agent.teamId,
        agent.id,
        plan.writes.map((write) => write.doc),
      );
    const body: PushResponse = { conflicts: plan.conflicts, refused: [...refused, ...plan.refused] };
    await reportScopeExits(spec, agent, body);
    return c.json(body);
  });

  // SY-P6: changes as they are committed on any instance; the client RESYNCs on (re)connect.
  // SY-P7: the stream's starting point is taken, and its listener in place, before the answer
  // starts: the client pulls on RESYNC once it sees the answer, so every commit is either in
  // that pull or after the starting point, never in a gap between the two.
  routes.get('/:collection/stream', async (c) => {
    const spec = specOf(c.req.param('collection'));
    const agent = c.var.agent;
    const owners = visibleOwners(spec, agent);
    let sentSeq = await storage.latestSeq(agent.teamId);
    let chain = Promise.resolve();
    let send: ((data: string) => Promise<void>) | undefined;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let markOpened: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (markOpened = resolve));
    const unsubscribe = storage.onChange((notice) => {
      if (notice.teamId !== agent.teamId || notice.collection !== spec.name || notice.seq <= sentSeq) return;
      chain = chain
        .then(async () => {
          await opened;
          while (sentSeq < notice.seq) {
            const rows = await storage.pullChanges(agent.teamId, spec.name, sentSeq, 500, owners);
            const last = rows.at(-1);
            if (last === undefined) {
              sentSeq = Math.max(sentSeq, notice.seq);
              return;
            }
            const data = pullBody(spec.name, rows, sentSeq);
            sentSeq = last.seq;
            await send?.(data);
          }
        })
        .catch(() => done());
    });
    return streamSSE(c, async (stream) => {
      send = (data) => stream.writeSSE({ data });
      markOpened();
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), STREAM_KEEP_ALIVE_MS);
      const close = (): void => done();
      if (closing) close();
      else closers.add(close);
      stream.onAbort(close);
      await finished;
      clearInterval(keepAlive);
      unsubscribe();
      closers.delete(close);
    });
  });

  /**
   * SY-S6 on push: a write to a document that left the writer's scope (reassigned while they
   * were offline) is refused, and its tombstone comes back as a conflict, so their replica
   * drops the copy instead of keeping an edit nobody will see. Only a former owner gets it: to
   * anyone else the document stays unknown.
   */
  async function reportScopeExits(spec: SyncCollectionSpec, agent: SessionAgent, body: PushResponse) {
    const owners = visibleOwners(spec, agent);
    const outOfScope = body.refused.filter((r) => r.code === 'out_of_scope').map((r) => r.id);
    if (owners === null || outOfScope.length === 0) return;
    const left = await storage.scopeExitsOf(agent.teamId, spec.name, outOfScope, owners);
    const leftIds = new Set(left.map((row) => row.id));
    for (const row of left) body.conflicts.push(scopeExitTombstone(spec.name, row.doc));
    body.refused = body.refused.map((refusal) =>
      refusal.code === 'out_of_scope' && leftIds.has(refusal.id)
        ? { ...refusal, message: 'This was reassigned to a teammate; your change to it was not saved.' }
        : refusal,
    );
  }

  const closeAll = (): void => {
    closing = true;
    for (const close of closers) close();
  };
  return { routes, streams: { closeAll } };
}
