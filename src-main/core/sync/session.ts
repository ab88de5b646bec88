// The signed-in session: a short-lived access token held in memory and a refresh token in the
// SecretStore. A token near its end is refreshed before use; the server rotates the refresh
// token on every refresh (the old one is spent), so refreshes run one at a time: two at once
// would present a spent token and end the sign-in everywhere.
import type { Clock } from '../ports/clock';
import type { SecretStore } from '../ports/secret-store';
import type { SyncAuth, SyncSession, SyncTransport } from '../ports/sync-transport';
import { SyncTransportError } from '../ports/sync-transport';

/** Refresh this long before the server's expiry, so a request never leaves with a dying token. */
const EARLY_REFRESH_MS = 30_000;

export class SyncSessionTokens implements SyncAuth {
  private access: { token: string; expiresAt: number } | undefined;
  private refreshing: Promise<string> | undefined;

  constructor(
    private readonly deps: {
      transport: SyncTransport;
      secrets: SecretStore;
      clock: Clock;
      serverUrl: string;
    },
  ) {}

  /** Keeps a session the server just handed over (sign-in or refresh). */
  async adopt(session: SyncSession): Promise<void> {
    await this.deps.secrets.set('sync.token', session.refreshToken);
    this.access = { token: session.accessToken, expiresAt: this.deps.clock.now() + session.expiresIn * 1000 };
  }

  async accessToken(): Promise<string> {
    if (this.access !== undefined && this.deps.clock.now() < this.access.expiresAt - EARLY_REFRESH_MS)
      return this.access.token;
    return this.refresh();
  }

  refresh(): Promise<string> {
    this.refreshing ??= this.rotate().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async rotate(): Promise<string> {
    const refreshToken = await this.deps.secrets.get('sync.token');
    if (refreshToken === undefined)
      throw new SyncTransportError(
        'refused',
        'signed_out',
        'This desktop is not signed in to the team; sign in again.',
      );
    const session = await this.deps.transport.refresh(this.deps.serverUrl, refreshToken);
    await this.adopt(session);
    return session.accessToken;
  }

  /** Ends the sign-in on the server (best effort: offline is fine) and forgets both tokens. */
  async end(): Promise<void> {
    const refreshToken = await this.deps.secrets.get('sync.token');
    this.access = undefined;
    await this.deps.secrets.delete('sync.token');
    if (refreshToken !== undefined)
      await this.deps.transport.logout(this.deps.serverUrl, refreshToken).catch(() => undefined);
  }
}
