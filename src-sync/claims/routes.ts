// The claim routes (docs/sync.md, CL-*), behind requireAgent: every claim is the caller's
// team's, so another team's agent can neither take nor see it.
//   POST /claims           { claims: [...] }  -> { answers: [...] }   grant a lease or say why not
//   POST /claims/complete  { reports: [...] } -> { results: [...] }   sent, with the provider's id
//   POST /claims/release   { reports: [...] } -> { results: [...] }   ended without a send
//   GET  /claims?state=uncertain                                      what an agent must decide
// Items of a batch are decided in the batch's order, each atomically on its own; they are all
// asked for at once, so on SQLite a batch commits as one group (one fsync, decision 0462), and
// on PostgreSQL they run side by side. Two items of one message wait for each other.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  claimBatchRequestSchema,
  completeBatchRequestSchema,
  releaseBatchRequestSchema,
  type ClaimAnswer,
  type ClaimStateAnswer,
  type SettleResult,
} from '../../src-shared/sync';
import type { SyncDeps, SyncEnv } from '../context';
import { limitBody } from '../middleware/body-limit';
import { parseBody, parseValue } from '../routes/parse';
import { normalizeAddress, type ClaimRecord } from '../storage/engine-store';
import { decideClaim, decideComplete, decideRelease, StaleClaimError } from './decide';
import { recipientSuppression } from './suppressions';

const listQuerySchema = z.object({
  state: z.enum(['held', 'completed', 'released', 'uncertain', 'failed']).default('uncertain'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Runs `run` for every item at once, those of one message one after another, in order. */
function perMessage<T extends { messageId: string }, R>(
  items: readonly T[],
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const last = new Map<string, Promise<unknown>>();
  return Promise.all(
    items.map((item) => {
      const before = last.get(item.messageId) ?? Promise.resolve();
      const mine = before.then(
        () => run(item),
        () => run(item),
      );
      last.set(item.messageId, mine);
      return mine;
    }),
  );
}

async function settled(messageId: string, run: () => Promise<SettleResult>): Promise<SettleResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StaleClaimError)
      return { ok: false, messageId, code: error.code, message: error.message };
    throw error;
  }
}

export function claimRoutes(deps: SyncDeps): Hono<SyncEnv> {
  const { storage, clock } = deps;
  const routes = new Hono<SyncEnv>();
  routes.use('*', limitBody(256 * 1024));

  routes.post('/', async (c) => {
    const { claims } = await parseBody(c, claimBatchRequestSchema);
    const agent = c.var.agent;
    // CL2: a suppressed recipient is refused before any lease exists.
    const suppressed = await Promise.all(
      claims.map((ask) => recipientSuppression(storage, agent.teamId, ask.to, ask.channel)),
    );
    const answers = await perMessage(
      claims.map((ask, i) => ({ ...ask, suppressed: suppressed[i] ?? null })),
      async (ask): Promise<ClaimAnswer> => {
        if (ask.suppressed !== null)
          return {
            granted: false,
            messageId: ask.messageId,
            reason: 'suppressed',
            detail: ask.suppressed.detail,
          };
        // CL3/CL4: one atomic decision on the message's claim.
        return storage.claims.updateClaim(agent.teamId, ask.messageId, (current) =>
          decideClaim(current, {
            teamId: agent.teamId,
            messageId: ask.messageId,
            holderId: agent.id,
            replicaId: ask.replicaId,
            channel: ask.channel,
            recipient: normalizeAddress(ask.to),
            leaseMs: ask.leaseMs,
            now: clock.now(),
          }),
        );
      },
    );
    return c.json({ answers });
  });

  /** CL5/CL6: each report decided atomically on its own; a stale one is answered, not thrown. */
  async function settleEach<R extends { messageId: string }>(
    teamId: string,
    reports: readonly R[],
    decide: (
      current: ClaimRecord | null,
      report: R,
    ) => { next: ClaimRecord | null; result: ClaimStateAnswer },
  ): Promise<SettleResult[]> {
    return perMessage(reports, (report) =>
      settled(report.messageId, async () => {
        const state = await storage.claims.updateClaim(teamId, report.messageId, (current) =>
          decide(current, report),
        );
        return { ok: true, messageId: report.messageId, state: state.state };
      }),
    );
  }

  routes.post('/complete', async (c) => {
    const { reports } = await parseBody(c, completeBatchRequestSchema);
    const agent = c.var.agent;
    const results = await settleEach(agent.teamId, reports, (current, report) =>
      decideComplete(current, { ...report, holderId: agent.id, now: clock.now() }),
    );
    return c.json({ results });
  });

  routes.post('/release', async (c) => {
    const { reports } = await parseBody(c, releaseBatchRequestSchema);
    const agent = c.var.agent;
    const results = await settleEach(agent.teamId, reports, (current, report) =>
      decideRelease(current, {
        holderId: agent.id,
        fencing: report.fencing,
        outcome: report.outcome,
        detail: report.detail ?? null,
        now: clock.now(),
      }),
    );
    return c.json({ results });
  });

  routes.get('/', async (c) => {
    const query = parseValue(listQuerySchema, c.req.query());
    await storage.claims.expireLeases(clock.now());
    const claims = await storage.claims.listClaims(c.var.agent.teamId, query.state, query.limit);
    return c.json({
      claims: claims.map((claim) => ({
        messageId: claim.messageId,
        state: claim.state,
        fencing: claim.fencing,
        holderId: claim.holderId,
        replicaId: claim.replicaId,
        channel: claim.channel,
        providerId: claim.providerId,
        detail: claim.detail,
        updatedAt: claim.updatedAt,
      })),
    });
  });

  return routes;
}
