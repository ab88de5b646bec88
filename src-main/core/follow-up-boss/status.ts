// What Settings → Follow Up Boss shows: the connection, the last import of people, the last
// reading of webhook events (and who reads them), the linked leads and the failed write-backs.
import { leadDisplayName } from '../../../src-shared/domain';
import type { FubStatus } from '../../../src-shared/ipc/follow-up-boss';
import type { SecretStore } from '../ports/secret-store';
import type { PorchlightDatabase } from '../store/collections';
import type { EventsSource } from './run';
import type { FubWorkState } from './state';
import { readFubSettings, readFubState } from './state';

function webhookStatus(state: FubWorkState, source: EventsSource): FubStatus['webhooks'] {
  const lastRead = state.lastEvents ?? null;
  if (source === undefined) return { state: 'solo', message: null, lastRead };
  if (source === 'not_admin')
    return {
      state: 'not_admin',
      message:
        'Follow Up Boss webhooks reach the team server; a team admin’s desktop or the always-on engine reads them. This desktop imports by polling.',
      lastRead,
    };
  return state.eventsError === null
    ? { state: 'reading', message: null, lastRead }
    : { state: 'failed', message: state.eventsError, lastRead };
}

async function failures(db: PorchlightDatabase, state: FubWorkState): Promise<FubStatus['failedWriteBacks']> {
  const entries = Object.values(state.failures).slice(0, 50);
  const leads = await db.leads.findByIds(entries.map((f) => f.leadId)).exec();
  return entries.map((f) => {
    const lead = leads.get(f.leadId);
    return {
      leadId: f.leadId,
      leadName: lead === undefined ? 'A removed lead' : leadDisplayName(lead) || 'Unnamed lead',
      what: f.what,
      error: f.error,
      attempts: f.attempts,
    };
  });
}

export async function readFubStatus(
  db: PorchlightDatabase,
  secrets: SecretStore | undefined,
  source: EventsSource,
  systemKeyName: 'followUpBoss.systemKey',
): Promise<FubStatus> {
  const [settings, state, names] = await Promise.all([
    readFubSettings(db),
    readFubState(db),
    secrets?.names() ?? Promise.resolve([]),
  ]);
  const linkedLeads = await db.leads.count({ selector: { fubId: { $exists: true }, deletedAt: 0 } }).exec();
  return {
    state: !settings.enabled ? 'not_configured' : state.error === null ? 'connected' : 'failed',
    message: settings.enabled ? state.error : null,
    writeBack: settings.writeBack,
    hasSystemKey: names.includes(systemKeyName),
    lastPoll: state.lastPoll ?? null,
    webhooks: webhookStatus(state, source),
    linkedLeads,
    failedWriteBacks: await failures(db, state),
  };
}
