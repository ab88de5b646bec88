// Where the server keeps a team's routing (server-private, collection "server.routing", never
// replicated): the admin's rules (id "rules"), each group's round-robin turn ("turn:<rule>"),
// and the leads waiting on an escalation deadline ("offer:<lead>"). Each change is one
// writeDocuments transaction, so two instances never hand out the same turn or escalate twice.
import {
  DEFAULT_ROUTING_RULES,
  routingRulesSchema,
  type RoutingAccount,
  type RoutingMode,
  type RoutingRules,
} from '../../src-shared/routing';
import type { ServerStorage } from '../storage/server-storage';

const COLLECTION = 'server.routing';
const RULES_ID = 'rules';

/** A lead routed with an escalation deadline. */
export interface Offer {
  leadId: string;
  ruleId: string | null;
  mode: RoutingMode;
  group: string[];
  /** Who holds it now; null while it waits in the shared pool for the first to take it. */
  holder: string | null;
  deadline: number;
  escalations: number;
}

export async function readRules(storage: ServerStorage, teamId: string): Promise<RoutingRules> {
  const row = (await storage.readDocuments(teamId, COLLECTION, [RULES_ID])).get(RULES_ID);
  if (row === undefined || row.doc._deleted) return DEFAULT_ROUTING_RULES;
  const parsed = routingRulesSchema.safeParse(row.doc.rules);
  return parsed.success ? parsed.data : DEFAULT_ROUTING_RULES;
}

export async function writeRules(storage: ServerStorage, teamId: string, rules: RoutingRules): Promise<void> {
  await storage.writeDocuments(teamId, COLLECTION, [RULES_ID], () => ({
    writes: [{ id: RULES_ID, ownerId: null, doc: { id: RULES_ID, rules, _deleted: false } }],
    result: undefined,
  }));
}

/** Changes the rules in one transaction (an agent pausing themself while an admin saves). */
export async function changeRules(
  storage: ServerStorage,
  teamId: string,
  change: (current: RoutingRules) => RoutingRules,
): Promise<RoutingRules> {
  return storage.writeDocuments(teamId, COLLECTION, [RULES_ID], (current) => {
    const row = current.get(RULES_ID);
    const parsed = row === undefined || row.doc._deleted ? null : routingRulesSchema.safeParse(row.doc.rules);
    const next = change(parsed?.success === true ? parsed.data : DEFAULT_ROUTING_RULES);
    return {
      writes: [{ id: RULES_ID, ownerId: null, doc: { id: RULES_ID, rules: next, _deleted: false } }],
      result: next,
    };
  });
}

/** The group's member whose turn it is, the turn moved on in the same transaction. */
export function takeTurn(
  storage: ServerStorage,
  teamId: string,
  ruleId: string | null,
  group: readonly string[],
): Promise<string | null> {
  // The team-wide turn keeps the id the earlier round robin used, so its turn carries on.
  const id = ruleId === null ? 'round-robin' : `turn:${ruleId}`;
  return storage.writeDocuments(teamId, COLLECTION, [id], (current) => {
    const turn = current.get(id)?.doc.turn;
    const index = typeof turn === 'number' && Number.isInteger(turn) && turn >= 0 ? turn : 0;
    return {
      writes: [{ id, ownerId: null, doc: { id, turn: index + 1, _deleted: false } }],
      result: group[index % group.length] ?? null,
    };
  });
}

export async function routingAccounts(storage: ServerStorage, teamId: string): Promise<RoutingAccount[]> {
  return (await storage.listAccounts(teamId)).map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    active: a.active,
  }));
}

const offerId = (leadId: string): string => `offer:${leadId}`;

export async function saveOffer(storage: ServerStorage, teamId: string, offer: Offer): Promise<void> {
  const id = offerId(offer.leadId);
  await storage.writeDocuments(teamId, COLLECTION, [id], () => ({
    writes: [{ id, ownerId: null, doc: { id, ...offer, _deleted: false } }],
    result: undefined,
  }));
}

/**
 * Replaces the lead's offer (next = null: it is settled) only if it is still `expected`, so an
 * escalation and a take racing on two instances settle it once. True when this call won.
 */
export function replaceOffer(
  storage: ServerStorage,
  teamId: string,
  expected: Offer,
  next: Offer | null,
): Promise<boolean> {
  const id = offerId(expected.leadId);
  return storage.writeDocuments(teamId, COLLECTION, [id], (current) => {
    const row = current.get(id);
    const same =
      row !== undefined &&
      !row.doc._deleted &&
      row.doc.deadline === expected.deadline &&
      row.doc.holder === expected.holder &&
      row.doc.escalations === expected.escalations;
    if (!same) return { writes: [], result: false };
    return {
      writes: [
        { id, ownerId: null, doc: next === null ? { id, _deleted: true } : { id, ...next, _deleted: false } },
      ],
      result: true,
    };
  });
}

export async function readOffer(
  storage: ServerStorage,
  teamId: string,
  leadId: string,
): Promise<Offer | null> {
  const row = (await storage.readDocuments(teamId, COLLECTION, [offerId(leadId)])).get(offerId(leadId));
  return row === undefined || row.doc._deleted ? null : offerOf(row.doc);
}

function offerOf(doc: Record<string, unknown>): Offer {
  return {
    leadId: String(doc.leadId),
    ruleId: typeof doc.ruleId === 'string' ? doc.ruleId : null,
    mode: doc.mode === 'first_to_claim' ? 'first_to_claim' : 'round_robin',
    group: Array.isArray(doc.group) ? doc.group.map(String) : [],
    holder: typeof doc.holder === 'string' ? doc.holder : null,
    deadline: Number(doc.deadline),
    escalations: Number(doc.escalations),
  };
}

/** The team's offers whose deadline has passed. */
export async function dueOffers(storage: ServerStorage, teamId: string, now: number): Promise<Offer[]> {
  const rows = await storage.changesSince(teamId, COLLECTION, 0, 5000, null);
  return rows
    .filter((row) => row.id.startsWith('offer:') && !row.doc._deleted && Number(row.doc.deadline) <= now)
    .map((row) => offerOf(row.doc));
}
