// The sync server as one Hono app, built from its ports and never listening itself
// (server.ts listens; tests call app.request()). Routes:
//   GET  /health                           liveness + storage kind
//   POST /auth/{login,redeem,refresh,logout}, GET /auth/me
//   GET  /sync/:collection/pull, POST /sync/:collection/push, GET /sync/:collection/stream
//   /admin/...                             agents, audit log, erasure, secrets, API keys (admins only)
//   POST /claims, /claims/{complete,release}, GET /claims   send claims (src-sync/claims)
//   POST /webhooks/twilio/{inbound,status}  Twilio, X-Twilio-Signature (webhooks/twilio-routes.ts)
//   POST /webhooks/fub                       Follow Up Boss, FUB-Signature (webhooks/fub-routes.ts)
//   POST /api/leads                          lead intake, per-team API key (intake/routes.ts)
//   GET /t/o/:token.gif, GET /t/c/:token, GET|POST /u/:token   email links (tracking/routes.ts)
//   GET  /team/links                         public URL + link key for a desktop's emails
//   GET  /team/routing, PUT /admin/routing, PUT /team/receiving, POST /team/leads/:id/take
//                                            lead routing (routing/routes.ts)
import { Hono } from 'hono';
import { porchlightSyncCollections } from '../src-shared/sync';
import type { SyncDeps, SyncEnv } from './context';
import { requireAgent } from './middleware/auth';
import { limitBody } from './middleware/body-limit';
import { errorHandler, notFound } from './middleware/errors';
import { InFlight } from './middleware/in-flight';
import { clientAddress, rateLimit } from './middleware/rate-limit';
import { requestLog } from './middleware/request-log';
import { claimRoutes } from './claims/routes';
import { leadIntakeRoutes } from './intake/routes';
import { adminRoutes } from './routes/admin';
import { integrationRoutes } from './routes/admin-integrations';
import { authRoutes } from './routes/auth';
import { replicationRoutes, type StreamRegistry } from './routes/replication';
import { routingAdminRoutes, routingTeamRoutes } from './routing/routes';
import { teamLinkRoutes, trackingRoutes } from './tracking/routes';
import { teamSecrets } from './team/secrets';
import { fubWebhookRoutes } from './webhooks/fub-routes';
import { twilioWebhookRoutes } from './webhooks/twilio-routes';

export interface SyncApp {
  app: Hono<SyncEnv>;
  inFlight: InFlight;
  streams: StreamRegistry;
}

export function createSyncApp(deps: SyncDeps): SyncApp {
  const app = new Hono<SyncEnv>();
  const inFlight = new InFlight();
  const replication = replicationRoutes(deps, deps.collections ?? porchlightSyncCollections);
  const secrets = teamSecrets(deps.storage, deps.tokenKey);

  app.onError(errorHandler(deps.logger));
  app.notFound(notFound);
  app.use('*', requestLog(deps.logger, deps.clock));
  app.get('/health', (c) => c.json({ ok: true, storage: deps.storage.kind, inFlight: inFlight.active }));

  // Streams are long-lived: they are closed at shutdown instead of being waited for.
  app.use('*', inFlight.middleware);
  app.use('*', limitBody(8 * 1024 * 1024));
  app.use(
    '*',
    rateLimit({
      perMinute: 6000,
      burst: 600,
      clock: deps.clock,
      key: clientAddress,
      message: 'Too many requests from this address.',
    }),
  );

  app.route('/auth', authRoutes(deps));
  app.use('/sync/*', requireAgent(deps));
  app.route('/sync', replication.routes);
  app.use('/admin/*', requireAgent(deps));
  app.route('/admin', adminRoutes(deps));
  app.route('/admin', integrationRoutes(deps, secrets));
  app.route('/admin', routingAdminRoutes(deps));
  app.use('/claims', requireAgent(deps));
  app.use('/claims/*', requireAgent(deps));
  app.route('/claims', claimRoutes(deps));
  app.route('/webhooks/twilio', twilioWebhookRoutes(deps, secrets));
  app.route('/webhooks/fub', fubWebhookRoutes(deps, secrets));
  app.route('/api', leadIntakeRoutes(deps));
  app.route('/', trackingRoutes(deps));
  app.use('/team/*', requireAgent(deps));
  app.route('/team', teamLinkRoutes(deps));
  app.route('/team', routingTeamRoutes(deps));
  return { app, inFlight, streams: replication.streams };
}
