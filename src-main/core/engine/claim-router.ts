// Which ClaimAuthority a dispatch asks: the team server's while this desktop belongs to a team
// (signed in, or signed in and out of reach: then nothing of the team is sent), the local
// atomic transition while it works solo. Joining or leaving a team switches it at once.
import type { CoreContext } from '../context';
import type { ClaimAuthority, ClaimResult } from '../ports/claim-authority';
import type { SyncClaimHandlers } from '../ports/sync-transport';
import { SoloClaimAuthority } from './solo-claims';
import { TeamClaimAuthority } from './team-claims';

export class ClaimRouter implements ClaimAuthority {
  private readonly solo: SoloClaimAuthority;
  private team: { handlers: SyncClaimHandlers; authority: TeamClaimAuthority } | undefined;
  private running = false;

  constructor(private readonly ctx: CoreContext) {
    this.solo = new SoloClaimAuthority(ctx.db);
  }

  get mode(): 'solo' | 'team' {
    return this.current().mode;
  }

  claim(messageId: string, now: number): Promise<ClaimResult> {
    return this.current().claim(messageId, now);
  }

  /** Solo's claim on the write; undefined while this desktop belongs to a team. */
  get claimSeen(): ClaimAuthority['claimSeen'] {
    const current = this.current();
    return current === this.solo ? this.solo.claimSeen : undefined;
  }

  start(): void {
    this.running = true;
    this.current();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.team?.authority.stop();
  }

  private current(): ClaimAuthority {
    const connection = this.ctx.sync?.teamClaims();
    if (connection === undefined) return this.solo;
    if (this.team?.handlers !== connection.handlers) {
      void this.team?.authority.stop();
      const authority = new TeamClaimAuthority(this.ctx, connection);
      if (this.running) authority.start();
      this.team = { handlers: connection.handlers, authority };
    }
    return this.team.authority;
  }
}
