// A secret stays bound to its host whoever writes the settings. The settings handlers forget a
// secret before they save a move (host-binding.ts); this watch covers every other writer: a
// settings document that arrives by replication from a team server, or one restored from a
// copy, that points the AI endpoint or a mail server elsewhere (or drops TLS) forgets the
// secret the moment it lands, so the next call has no key to carry there. It reads the store's
// change stream, so no writer can skip it (decision 0705).
import type { RxChangeEvent } from 'rxdb';
import { parseAiSettings } from '../../../src-shared/ai';
import type { Setting } from '../../../src-shared/domain';
import { emailSettingsSchema } from '../../../src-shared/ipc/email';
import { AI_SETTINGS_ID } from '../ai/settings';
import type { CoreContext } from '../context';
import { EMAIL_SETTINGS_ID } from '../email/settings';
import { RESO_SETTINGS_ID } from '../../../src-shared/ipc/listings';
import { parseResoSettings, resoSecretDestinations } from '../listings/reso-settings';
import type { BoundSecretChange } from './host-binding';
import { aiKeyDestination, forgetMovedSecrets, mailPasswordDestination } from './host-binding';

/** Where each secret bound by settings document `id` goes, for its value (absent: defaults). */
export function destinationsOf(id: string, value: unknown): Map<BoundSecretChange['name'], string> {
  if (id === AI_SETTINGS_ID) {
    let destination: string;
    try {
      destination = aiKeyDestination(parseAiSettings(value));
    } catch {
      destination = 'unreadable';
    }
    return new Map([['ai.apiKey', destination]]);
  }
  if (id === EMAIL_SETTINGS_ID) {
    const parsed = emailSettingsSchema.safeParse(value ?? {});
    const settings = parsed.success ? parsed.data : emailSettingsSchema.parse({});
    return new Map([
      ['smtp.password', mailPasswordDestination(settings.smtp)],
      ['imap.password', mailPasswordDestination(settings.imap)],
    ]);
  }
  if (id === RESO_SETTINGS_ID) return resoSecretDestinations(parseResoSettings(value));
  return new Map();
}

/** The secrets a settings change moves, before against after. */
export function movedByChange(id: string, before: unknown, after: unknown): BoundSecretChange[] {
  const was = destinationsOf(id, before);
  const now = destinationsOf(id, after);
  return [...was].map(([name, destination]) => ({ name, before: destination, after: now.get(name) ?? '' }));
}

export function watchSecretDestinations(ctx: CoreContext): () => void {
  let chain: Promise<unknown> = Promise.resolve();
  const subscription = ctx.db.settings.$.subscribe((event: RxChangeEvent<Setting>) => {
    const id = event.documentId;
    if (id !== AI_SETTINGS_ID && id !== EMAIL_SETTINGS_ID && id !== RESO_SETTINGS_ID) return;
    const before = event.operation === 'INSERT' ? undefined : event.previousDocumentData?.value;
    const after = event.operation === 'DELETE' ? undefined : event.documentData.value;
    const changes = movedByChange(id, before, after);
    // A secret set by the environment cannot be forgotten from here; the operator moves both.
    chain = chain.then(() => forgetMovedSecrets(ctx.secrets, changes)).catch(() => undefined);
  });
  return () => subscription.unsubscribe();
}
