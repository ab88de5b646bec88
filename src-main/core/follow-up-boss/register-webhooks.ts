// Registers the account's webhooks with Follow Up Boss, pointing at the team's sync server
// (its public address for Follow Up Boss, from GET /admin/webhooks), for the events Porchlight
// reads: people created, updated, deleted, stage and tags changed; notes, texts, emails and
// calls created. Those already registered for that address are left as they are, so running
// it again adds nothing; the address registered is kept in the work state and checked again
// only when it changes. Follow Up Boss allows this only to a registered system (X-System-Key)
// with the owner's key; a refusal says so, and people still come in by polling.
import { FubError, type FubEventSource } from '../ports/follow-up-boss';
import { politely, type FubRunDeps } from './run-deps';
import type { FubWorkState } from './state';

export const WEBHOOK_EVENTS = [
  'peopleCreated',
  'peopleUpdated',
  'peopleDeleted',
  'peopleStageUpdated',
  'peopleTagsCreated',
  'notesCreated',
  'textMessagesCreated',
  'emailsCreated',
  'callsCreated',
] as const;

/** Registers what is missing; throws FubError (with what to do) when Follow Up Boss refuses. */
export async function registerWebhooks(
  deps: FubRunDeps,
  state: FubWorkState,
  source: FubEventSource,
): Promise<void> {
  const url = await source.webhookUrl();
  if (url === undefined)
    throw new FubError(
      'refused',
      'The team’s sync server has no public URL yet (start it with --public-url), so Follow Up Boss cannot reach it.',
    );
  if (state.webhooksFor === url) return;
  try {
    const existing = await politely(deps, () => deps.api.listWebhooks());
    const have = new Set(existing.filter((w) => w.url === url).map((w) => w.event));
    for (const event of WEBHOOK_EVENTS) {
      if (have.has(event)) continue;
      await politely(deps, () => deps.api.createWebhook({ event, url }));
    }
  } catch (error) {
    if (!(error instanceof FubError) || error.kind === 'auth' || error.kind === 'unreachable') throw error;
    throw new FubError(
      error.kind,
      `Follow Up Boss did not let Porchlight register its webhooks (${error.message.replace(/\.$/, '')}). Enter Porchlight's system key with the account owner's API key, or add webhooks for ${url} in Follow Up Boss.`,
      error.status,
    );
  }
  state.webhooksFor = url;
}
