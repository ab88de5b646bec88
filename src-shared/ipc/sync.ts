// The team-sync feature's contract: the server address, signing in (password, or a one-time
// sign-in code from the server's `init` or an invite, which then sets the password), signing
// out, and the status the Settings → Team section shows, pushed as `sync-changed`.
import { z } from 'zod';

export const syncServerUrlSchema = z
  .string()
  .trim()
  .max(500)
  .pipe(
    z.url({
      protocol: /^https?$/,
      message: 'Enter the sync server’s address, like https://sync.example.com.',
    }),
  )
  .transform((url) => url.replace(/\/+$/, ''));

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter your email address, like jane@example.com.' }));

export const syncSignInSchema = z.object({
  serverUrl: syncServerUrlSchema,
  email,
  password: z.string().min(1, 'Enter your password.').max(200, 'A password can have at most 200 characters.'),
  /** The one-time sign-in code; with it, `password` becomes the agent's new password. */
  code: z.string().trim().max(100).optional(),
});

export const syncArgs = {
  'sync-status': z.object({}).default({}),
  'sync-sign-in': syncSignInSchema,
  'sync-sign-out': z.object({}).default({}),
};

export type SyncState = 'signed-out' | 'connecting' | 'connected' | 'offline' | 'refused';

export interface SyncStatus {
  state: SyncState;
  serverUrl: string | null;
  agent: { email: string; name: string; role: 'agent' | 'admin'; teamId: string } | null;
  /** When the server was last out of reach (epoch ms), while it still is. */
  offlineSince: number | null;
  /** This desktop's changes the server has not taken yet. */
  pendingPushes: number;
  lastSyncedAt: number | null;
  /** What went wrong last, in words a person can act on. */
  lastError: string | null;
  /** Changes the server would not store, with its reason (the newest few). */
  refused: { collection: string; id: string; message: string }[];
}

/** What joining the team moved from the solo workspace, per collection, and what stayed. */
export interface JoinReport {
  moved: Record<string, number>;
  /** Demo records and this desktop's own settings stay on this desktop. */
  keptOnThisDesktop: number;
}

export interface SyncResults {
  'sync-status': SyncStatus;
  'sync-sign-in': { status: SyncStatus; joined: JoinReport };
  'sync-sign-out': SyncStatus;
}

export interface SyncEvents {
  'sync-changed': SyncStatus;
}
