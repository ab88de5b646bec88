// Escalation (docs/routing.md): every ESCALATION_SWEEP_MS the server looks at each team's
// offers whose deadline passed. A lead still in the pool (nobody took it), or still with the
// agent it was given to and not answered by a person (stage still new, no message or logged
// touch by a human), goes to the next available agent of its group or to an admin, as the
// rules say, with a note on its timeline and a to-do for whoever gets it. It escalates at most
// once per member of its group; reaching an admin ends it. Each step is settled by
// compare-and-set on the offer, so two instances never move one lead twice. Leads of one import
// that escalate to one agent in one pass are told in one to-do, not one each (decision 0901).
import { leadSchema, type Lead } from '../../src-shared/domain';
import { escalationTarget } from '../../src-shared/routing';
import type { Clock, Logger } from '../context';
import type { ServerStorage } from '../storage/server-storage';
import { changeDocument } from '../team/team-docs';
import { closeOffers, idFor, leadName, noteRouting, tellAgent, writeTodo } from './record';
import { dueOffers, readRules, replaceOffer, routingAccounts, type Offer } from './store';

export const ESCALATION_SWEEP_MS = 15_000;

async function answeredByPerson(storage: ServerStorage, teamId: string, lead: Lead): Promise<boolean> {
  if (lead.stage !== 'new') return true;
  const rows = await storage.findByField(teamId, 'messages', 'leadId', lead.id);
  return rows.some(
    (row) => !row.doc._deleted && row.doc.direction === 'outbound' && row.doc.authoredBy === 'human',
  );
}

/** Imported leads escalated in one pass, per import and agent. */
type ImportEscalations = Map<string, { importId: string; agentId: string; count: number; demo: boolean }>;

async function escalateOne(
  storage: ServerStorage,
  teamId: string,
  offer: Offer,
  now: number,
  imported: ImportEscalations,
): Promise<boolean> {
  const row = (await storage.readDocuments(teamId, 'leads', [offer.leadId])).get(offer.leadId);
  const parsed = row === undefined || row.doc._deleted ? null : leadSchema.safeParse(row.doc);
  const lead = parsed?.success === true ? parsed.data : null;
  const settled =
    lead === null ||
    lead.deletedAt !== 0 ||
    (offer.holder === null
      ? lead.ownerId !== 'team-pool'
      : lead.ownerId !== offer.holder || (await answeredByPerson(storage, teamId, lead)));
  if (settled) {
    await replaceOffer(storage, teamId, offer, null);
    return false;
  }
  const rules = await readRules(storage, teamId);
  const accounts = await routingAccounts(storage, teamId);
  const target = escalationTarget(rules, accounts, offer.group, offer.holder);
  const isAdmin = accounts.some((a) => a.id === target && a.role === 'admin');
  const ends = target === null || isAdmin || offer.escalations + 1 >= offer.group.length;
  const next: Offer | null =
    ends || target === null
      ? null
      : {
          ...offer,
          holder: target,
          deadline: now + rules.escalation.afterMinutes * 60_000,
          escalations: offer.escalations + 1,
        };
  if (!(await replaceOffer(storage, teamId, offer, next)) || target === null) return false;
  const moved = await changeDocument(storage, teamId, 'leads', leadSchema, lead.id, (current) => ({
    ...current,
    ownerId: target,
    updatedAt: Math.max(current.updatedAt + 1, now),
  }));
  if (moved === null) return false;
  const name = accounts.find((a) => a.id === target)?.name ?? 'an agent';
  const minutes = Math.max(
    1,
    Math.round((now - (offer.deadline - rules.escalation.afterMinutes * 60_000)) / 60_000),
  );
  const why =
    offer.holder === null
      ? 'nobody took it'
      : `${accounts.find((a) => a.id === offer.holder)?.name ?? 'its agent'} did not answer`;
  await noteRouting(
    storage,
    teamId,
    moved,
    target,
    `escalated-${offer.escalations + 1}`,
    `Escalated to ${name}: ${why} within ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    now,
  );
  if (offer.holder === null)
    await closeOffers(
      storage,
      teamId,
      lead.id,
      offer.group.filter((id) => id !== target),
      null,
      now,
    );
  if (moved.importId !== undefined) {
    const key = `${moved.importId}\u001f${target}`;
    const seen = imported.get(key) ?? {
      importId: moved.importId,
      agentId: target,
      count: 0,
      demo: moved.demo,
    };
    imported.set(key, { ...seen, count: seen.count + 1 });
  } else
    await tellAgent(
      storage,
      teamId,
      moved,
      target,
      `Escalated to you: ${leadName(moved)} is waiting for an answer`,
      now,
    );
  return true;
}

async function tellImportEscalations(
  storage: ServerStorage,
  teamId: string,
  imported: ImportEscalations,
  now: number,
): Promise<void> {
  for (const { importId, agentId, count, demo } of imported.values())
    await writeTodo(
      storage,
      teamId,
      {
        id: idFor('route-import-escalated', importId, agentId, String(now)),
        agentId,
        title: `Escalated to you: ${count} imported lead${count === 1 ? ' is' : 's are'} waiting for an answer`,
        notes: 'They are in your leads now, each with a note saying why it came to you.',
        demo,
      },
      now,
    );
}

/** One pass over every team; how many leads moved. */
export async function escalateDue(storage: ServerStorage, now: number): Promise<number> {
  let moved = 0;
  for (const teamId of await storage.listTeamIds()) {
    const imported: ImportEscalations = new Map();
    for (const offer of await dueOffers(storage, teamId, now))
      if (await escalateOne(storage, teamId, offer, now, imported)) moved += 1;
    await tellImportEscalations(storage, teamId, imported, now);
  }
  return moved;
}

export function startEscalationSweep(deps: {
  storage: ServerStorage;
  clock: Clock;
  logger: Logger;
}): () => void {
  let running = false;
  const sweep = (): void => {
    if (running) return;
    running = true;
    escalateDue(deps.storage, deps.clock.now())
      .then((moved) => {
        if (moved > 0) deps.logger.info('leads_escalated', { count: moved });
      })
      .catch((error: unknown) =>
        deps.logger.error('escalation_sweep_failed', {
          error: error instanceof Error ? error.name : 'unknown',
        }),
      )
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(sweep, ESCALATION_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
