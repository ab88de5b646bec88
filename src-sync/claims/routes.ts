// The claim routes (docs/sync.md, CL-*), behind requireAgent: every claim is the caller's
// team's, so another team's agent can neither take nor see it.
//   POST /claims           { claims: [...] }  -> { answers: [...] }   grant a lease or say why not
//   POST /claims/complete  { reports: [...] } -> { results: [...] }   sent, with the provider's id
//   POST /claims/release   { reports: [...] } -> { results: [...] }   ended without a send
//   GET  /claims?state=uncertain                                      what an agent must decide
// Items of a batch are decided one after another, each in its own transaction.
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
    const answers: ClaimAnswer[] = [];
    for (const ask of claims) {
      // CL2: a suppressed recipient is refused before any lease exists.
      const suppressed = await recipientSuppression(storage, agent.teamId, ask.to, ask.channel);
      if (suppressed !== null) {
        answers.push({
          granted: false,
          messageId: ask.messageId,
          reason: 'suppressed',
          detail: suppressed.detail,
        });
        continue;
      }
      // CL3/CL4: one atomic decision on the message's claim.
      const answer = await storage.claims.updateClaim(agent.teamId, ask.messageId, (current) =>
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
      answers.push(answer);
    }
    return c.json({ answers });
  });

  /** CL5/CL6: each report decided in its own transaction; a stale one is answered, not thrown. */
  async function settleEach<R extends { messageId: string }>(
    teamId: string,
    reports: readonly R[],
    decide: (
      current: ClaimRecord | null,
      report: R,
    ) => { next: ClaimRecord | null; result: ClaimStateAnswer },
  ): Promise<SettleResult[]> {
    const results: SettleResult[] = [];
    for (const report of reports) {
      results.push(
        await settled(report.messageId, async () => {
          const state = await storage.claims.updateClaim(teamId, report.messageId, (current) =>
            decide(current, report),
          );
          return { ok: true, messageId: report.messageId, state: state.state };
        }),
      );
    }
    return results;
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
