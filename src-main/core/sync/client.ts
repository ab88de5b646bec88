// The desktop's sync client: signs in to the team server, joins the team (join-team.ts), runs
// replication (replication.ts) while signed in, and keeps the status the Settings → Team
// section shows, announced as `sync-changed` whenever it changes.
// Membership (which server, which agent) is the device-only settings document "sync"; the
// workspace keys (team id, agent id) follow it: core's one CurrentWorkspace is moved here,
// and only here, when the desktop joins or leaves a team.
import { randomUUID } from 'node:crypto';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { JoinReport, SyncStatus } from '../../../src-shared/ipc/sync';
import type { CurrentWorkspace } from '../context';
import type { CoreEvents } from '../events';
import type { Clock } from '../ports/clock';
import type { FubEventSource } from '../ports/follow-up-boss';
import type { SecretStore } from '../ports/secret-store';
import type {
  SyncClaimHandlers,
  SyncSession,
  SyncTransport,
  TeamClaimsConnection,
} from '../ports/sync-transport';
import { SyncTransportError } from '../ports/sync-transport';
import type { PorchlightDatabase } from '../store/collections';
import { ReplicaErasure } from './erasure';
import { joinTeam } from './join-team';
import type { Membership } from './membership';
import { readMembership, SOLO_AGENT_ID, SOLO_TEAM_ID, writeMembership } from './membership';
import { TeamReplication } from './replication';
import { SyncSessionTokens } from './session';
import { afterFailure, afterReach, KEPT_REFUSALS, SIGNED_OUT, type Live } from './status-live';

export interface SyncClientDeps {
  db: PorchlightDatabase;
  clock: Clock;
  events: CoreEvents;
  /** Core's workspace keys; this client moves them when the desktop joins or leaves a team. */
  workspace: CurrentWorkspace;
  transport: SyncTransport;
  secrets: SecretStore | undefined;
  /** Rewrites the store's freed pages after an erasure (the SQLite store; a no-op in memory). */
  scrubStore?: () => Promise<void>;
  retryMs?: number;
}

export interface SignInArgs {
  serverUrl: string;
  email: string;
  password: string;
  code?: string | undefined;
}

/** The least time between two counts of the changes waiting to be pushed, in a burst. */
const RECOUNT_PAUSE_MS = 500;

export class SyncClient {
  private tokens: SyncSessionTokens | undefined;
  private replication: TeamReplication | undefined;
  private readonly erasure: ReplicaErasure;
  private claimHandlers: SyncClaimHandlers | undefined;
  private live: Live = { ...SIGNED_OUT };
  private recount: 'idle' | 'running' | 'again' = 'idle';

  private constructor(
    private readonly deps: SyncClientDeps,
    private membership: Membership,
  ) {
    this.erasure = new ReplicaErasure({
      db: deps.db,
      awaitInSync: () => this.replication?.awaitInSync() ?? Promise.resolve(),
      scrubStore: deps.scrubStore ?? (() => Promise.resolve()),
    });
  }

  static async open(deps: SyncClientDeps): Promise<SyncClient> {
    const membership = await readMembership(deps.db);
    // A desktop that joined before claims named their replicas gets its name now, once.
    if (membership.agent !== null && membership.replicaId === null) {
      membership.replicaId = randomUUID();
      await writeMembership(deps.db, membership, deps.clock.now());
    }
    return new SyncClient(deps, membership);
  }

  /**
   * The team server's claims while this desktop belongs to a team, signed in or out of reach:
   * a team message goes out only under a claim (none can be had offline). Undefined when solo.
   */
  teamClaims(): TeamClaimsConnection | undefined {
    const { serverUrl, agent, replicaId } = this.membership;
    if (serverUrl === null || agent === null || replicaId === null) return undefined;
    this.claimHandlers ??= this.deps.transport.claims(serverUrl, {
      accessToken: () => this.signedInTokens().accessToken(),
      refresh: () => this.signedInTokens().refresh(),
    });
    return { handlers: this.claimHandlers, replicaId };
  }

  /**
   * Where this desktop reads the Follow Up Boss events the team server received: the server's
   * events while signed in as a team admin; `not_admin` for an agent (an admin's desktop or the
   * always-on engine reads them); undefined when solo or signed out.
   */
  fubEvents(): FubEventSource | 'not_admin' | undefined {
    const { serverUrl, agent } = this.membership;
    if (serverUrl === null || agent === null || this.tokens === undefined) return undefined;
    if (agent.role !== 'admin') return 'not_admin';
    const events = this.deps.transport.fubEvents(serverUrl, {
      accessToken: () => this.signedInTokens().accessToken(),
      refresh: () => this.signedInTokens().refresh(),
    });
    return {
      origin: `${serverUrl} ${agent.teamId}`,
      list: (after, limit) => events.list(after, limit),
      webhookUrl: () => events.webhookUrl(),
    };
  }

  private signedInTokens(): SyncSessionTokens {
    if (this.tokens === undefined)
      throw new SyncTransportError(
        'refused',
        'signed_out',
        'This desktop is not signed in to the team; sign in again.',
      );
    return this.tokens;
  }

  /** Starts replication when this desktop was signed in when it last closed. */
  async resume(): Promise<void> {
    const { serverUrl, agent } = this.membership;
    if (serverUrl === null || agent === null || this.deps.secrets === undefined) return;
    if ((await this.deps.secrets.get('sync.token')) === undefined) return;
    this.tokens = new SyncSessionTokens({ ...this.requireDeps(), serverUrl });
    this.startReplication(serverUrl, { teamId: agent.teamId, agentId: agent.id });
  }

  async signIn(args: SignInArgs): Promise<{ status: SyncStatus; joined: JoinReport }> {
    const deps = this.requireDeps();
    await this.stopReplication();
    const tokens = new SyncSessionTokens({ ...deps, serverUrl: args.serverUrl });
    const session = await this.openSession(args);
    await tokens.adopt(session);
    this.tokens = tokens;
    const team = { teamId: session.agent.teamId, agentId: session.agent.id };
    this.membership = {
      serverUrl: args.serverUrl,
      agent: session.agent,
      replicaId: this.membership.replicaId ?? randomUUID(),
    };
    this.claimHandlers = undefined;
    await writeMembership(this.deps.db, this.membership, this.deps.clock.now());
    this.deps.workspace.moveTo(team);
    const joined = await joinTeam(this.deps.db, team);
    this.live = { ...SIGNED_OUT, state: 'connecting', pendingPushes: this.live.pendingPushes };
    this.startReplication(args.serverUrl, team);
    return { status: await this.announce(), joined };
  }

  async signOut(): Promise<SyncStatus> {
    await this.stopReplication();
    await this.tokens?.end();
    this.tokens = undefined;
    this.membership = { ...this.membership, agent: null };
    await writeMembership(this.deps.db, this.membership, this.deps.clock.now());
    // New work is solo again; it moves into a team at the next sign-in.
    this.deps.workspace.moveTo({ teamId: SOLO_TEAM_ID, agentId: SOLO_AGENT_ID });
    this.live = { ...SIGNED_OUT };
    return this.announce();
  }

  async status(): Promise<SyncStatus> {
    const agent = this.membership.agent;
    return {
      ...this.live,
      serverUrl: this.membership.serverUrl,
      agent:
        agent === null
          ? null
          : { email: agent.email, name: agent.name, role: agent.role, teamId: agent.teamId },
      pendingPushes: (await this.replication?.pendingPushes()) ?? 0,
    };
  }

  /** Resolves once local changes are pushed, the server's pulled, and pulled erasures done. */
  async awaitInSync(): Promise<void> {
    await this.replication?.awaitInSync();
    await this.erasure.idle();
  }

  /** Pulls what changed on the server now (what a reconnect does by itself). */
  reSync(): void {
    this.replication?.reSync();
  }

  async stop(): Promise<void> {
    await this.stopReplication();
    await this.erasure.idle();
  }

  private requireDeps(): SyncClientDeps & { secrets: SecretStore } {
    const { secrets } = this.deps;
    if (secrets === undefined)
      throw new PorchlightError(
        'unavailable',
        'This Porchlight has no secret store, so it cannot keep a team sign-in.',
      );
    return { ...this.deps, secrets };
  }

  private async openSession(args: SignInArgs): Promise<SyncSession> {
    const { transport } = this.deps;
    try {
      return args.code === undefined || args.code === ''
        ? await transport.login(args.serverUrl, { email: args.email, password: args.password })
        : await transport.redeem(args.serverUrl, {
            email: args.email,
            code: args.code,
            password: args.password,
          });
    } catch (error) {
      if (error instanceof SyncTransportError && error.kind === 'offline')
        throw new PorchlightError(
          'unavailable',
          `Porchlight could not reach the sync server at ${args.serverUrl}. Check the address and that this computer is online.`,
          { serverUrl: 'No sync server answered at this address.' },
        );
      if (error instanceof SyncTransportError)
        throw new PorchlightError('validation', error.message, {
          [args.code === undefined || args.code === '' ? 'password' : 'code']: error.message,
        });
      throw error;
    }
  }

  private startReplication(serverUrl: string, team: { teamId: string; agentId: string }): void {
    const tokens = this.tokens;
    if (tokens === undefined) return;
    if (this.live.state === 'signed-out') this.live = { ...this.live, state: 'connecting' };
    this.replication = new TeamReplication({
      db: this.deps.db,
      transport: this.deps.transport,
      serverUrl,
      auth: tokens,
      team,
      erasure: this.erasure,
      ...(this.deps.retryMs === undefined ? {} : { retryMs: this.deps.retryMs }),
      health: {
        reached: () => this.update(afterReach(this.live)),
        failed: (error) => this.failed(error),
        refused: (collection, refusals) =>
          this.update({
            refused: [
              ...refusals.map((r) => ({ collection, id: r.id, message: r.message })),
              ...this.live.refused,
            ].slice(0, KEPT_REFUSALS),
          }),
        idle: () => {
          if (this.live.state === 'connected') this.update({ lastSyncedAt: this.deps.clock.now() });
        },
        pendingMayHaveChanged: () => this.recountPending(),
      },
    });
  }

  /** Counts what waits to be pushed and announces it when it moved; one count at a time. */
  private recountPending(): void {
    if (this.recount !== 'idle') {
      this.recount = 'again';
      return;
    }
    this.recount = 'running';
    void (async () => {
      try {
        do {
          this.recount = 'running';
          const pendingPushes = (await this.replication?.pendingPushes()) ?? 0;
          this.update({ pendingPushes });
          // During a burst every write asks again: the count walks each collection's changes,
          // so the next one waits a moment (real time: it spares the CPU, not the domain's clock).
          if (this.wantsRecount()) await new Promise((resolve) => setTimeout(resolve, RECOUNT_PAUSE_MS));
        } while (this.wantsRecount());
      } catch {
        // The store is closing: nobody is listening for the count.
      } finally {
        this.recount = 'idle';
      }
    })();
  }

  /** Read through a call: the loop above awaits, and another write may ask again meanwhile. */
  private wantsRecount(): boolean {
    return this.recount === 'again';
  }

  private failed(error: unknown): void {
    const outcome = afterFailure(this.live, error, this.deps.clock.now());
    this.update(outcome.patch);
    if (outcome.ending) void this.stopReplication();
  }

  private update(patch: Partial<Live>): void {
    const next = { ...this.live, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.live)) return;
    this.live = next;
    // A status announced while the store closes is not worth an error: nobody is listening.
    this.announce().catch(() => undefined);
  }

  private async announce(): Promise<SyncStatus> {
    const status = await this.status();
    // The count announced is the one a later recount is compared with.
    this.live = { ...this.live, pendingPushes: status.pendingPushes };
    this.deps.events.emit('sync-changed', status);
    return status;
  }

  private async stopReplication(): Promise<void> {
    const replication = this.replication;
    this.replication = undefined;
    await replication?.stop();
  }
}
