// The claims protocol's client side over any fetch (docs/sync.md, CL-*): the desktop's HTTP
// transport and tests share it. A 401 refreshes the session once; any other non-200 is a
// SyncHttpError with the server's code and message.
import { z } from 'zod';
import type { FetchLike, SyncAuth } from './client';
import { SyncHttpError } from './client';
import {
  claimBatchAnswerSchema,
  settleBatchAnswerSchema,
  type ClaimAnswer,
  type ClaimRequest,
  type CompleteRequest,
  type ReleaseRequest,
  type SettleResult,
  type TeamLinks,
  teamLinksSchema,
} from './claims';
import { errorBodySchema } from './protocol';
import { routingRulesSchema, type RoutingRules, type RoutingView } from '../routing';

const routingViewSchema = z.object({
  rules: routingRulesSchema,
  agents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(['agent', 'admin']),
      active: z.boolean(),
      paused: z.boolean(),
    }),
  ),
});
const takenSchema = z.object({ id: z.string(), ownerId: z.string() });
const undoneSchema = z.object({ removed: z.number().int().min(0) });

export interface SyncClaimClient {
  claim(requests: readonly ClaimRequest[]): Promise<ClaimAnswer[]>;
  complete(reports: readonly CompleteRequest[]): Promise<SettleResult[]>;
  release(reports: readonly ReleaseRequest[]): Promise<SettleResult[]>;
  /** The team's email link settings; null while the server has no public URL (409 no_public_url). */
  links(): Promise<TeamLinks | null>;
  /** Lead routing (docs/routing.md). */
  routing(): Promise<RoutingView>;
  saveRouting(rules: RoutingRules): Promise<RoutingView>;
  setReceiving(paused: boolean): Promise<RoutingView>;
  takeLead(leadId: string): Promise<{ id: string; ownerId: string }>;
  /** Bins the named leads an import handed to the team made (at most 1,000 a call). */
  undoImport(importId: string, leadIds: readonly string[]): Promise<{ removed: number }>;
}

export function createSyncClaimClient(options: {
  baseUrl: string;
  fetch: FetchLike;
  auth: SyncAuth;
}): SyncClaimClient {
  async function call<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    method = body === undefined ? 'GET' : 'POST',
  ): Promise<z.infer<S>> {
    const request = async (token: string) =>
      options.fetch(
        `${options.baseUrl}${path}`,
        body === undefined
          ? { method: 'GET', headers: { authorization: `Bearer ${token}` } }
          : {
              method,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            },
      );
    let response = await request(await options.auth.accessToken());
    if (response.status === 401) response = await request(await options.auth.refresh());
    const json: unknown = await response.json().catch(() => undefined);
    if (response.status !== 200) {
      const error = errorBodySchema.safeParse(json);
      throw error.success
        ? new SyncHttpError(response.status, error.data.code, error.data.message)
        : new SyncHttpError(response.status, 'http_error', `The sync server answered ${response.status}.`);
    }
    return schema.parse(json);
  }
  const post = <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
    call(`/claims${path}`, body, schema);

  return {
    claim: async (claims) => (await post('', { claims }, claimBatchAnswerSchema)).answers,
    complete: async (reports) => (await post('/complete', { reports }, settleBatchAnswerSchema)).results,
    release: async (reports) => (await post('/release', { reports }, settleBatchAnswerSchema)).results,
    routing: () => call('/team/routing', undefined, routingViewSchema),
    saveRouting: (rules) => call('/admin/routing', rules, routingViewSchema, 'PUT'),
    setReceiving: (paused) => call('/team/receiving', { paused }, routingViewSchema, 'PUT'),
    takeLead: (leadId) => call(`/team/leads/${encodeURIComponent(leadId)}/take`, {}, takenSchema),
    undoImport: (importId, leadIds) =>
      call(`/team/imports/${encodeURIComponent(importId)}/undo`, { leadIds }, undoneSchema),
    links: async () => {
      try {
        return await call('/team/links', undefined, teamLinksSchema);
      } catch (error) {
        if (error instanceof SyncHttpError && error.code === 'no_public_url') return null;
        throw error;
      }
    },
  };
}
