// Where the server keeps a team's routing (server-private, collection "server.routing", never
// replicated): the admin's rules (id "rules"), each group's round-robin turn ("turn:<rule>"),
// the leads waiting on an escalation deadline ("offer:<lead>", removed once settled) and how far
// the server has read the leads desktops handed to the team ("handed-seq", handed-leads.ts); a
// mark on each lead once it was routed, whichever way it came in, in "server.routing_marks"
// ("routed:<lead>", apart so the offers are never crowded out by one mark per lead), beside who
// handed each import to the team ("importer:<import>", import-undo.ts) and the imports'
// per-agent tallies ("import:<import>:<agent>"). Each
// change is one writeDocuments transaction, so two instances never hand out the same turn,
// route one lead twice or escalate twice.
import {
  DEFAULT_ROUTING_RULES,
  routingRulesSchema,
  type RoutingAccount,
  type RoutingMode,
  type RoutingRules,
} from '../../src-shared/routing';
import type { ServerStorage } from '../storage/server-storage';

export const ROUTING_COLLECTION = 'server.routing';
const COLLECTION = ROUTING_COLLECTION;
const MARKS = 'server.routing_marks';
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
export async function replaceOffer(
  storage: ServerStorage,
  teamId: string,
  expected: Offer,
  next: Offer | null,
): Promise<boolean> {
  const id = offerId(expected.leadId);
  const won = await storage.writeDocuments(teamId, COLLECTION, [id], (current) => {
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
  // A settled offer is server-private and never replicates: its row goes, tombstone and all.
  if (won && next === null) await storage.deleteDocuments(teamId, COLLECTION, [id]);
  return won;
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
  const due: Offer[] = [];
  // Read page by page: a team with many open offers (a first-to-claim import) has them all seen.
  for (let seq = 0; ;) {
    const rows = await storage.changesSince(teamId, COLLECTION, seq, OFFER_PAGE, null);
    for (const row of rows)
      if (row.id.startsWith('offer:') && !row.doc._deleted && Number(row.doc.deadline) <= now)
        due.push(offerOf(row.doc));
    const last = rows.at(-1);
    if (last === undefined || rows.length < OFFER_PAGE) return due;
    seq = last.seq;
  }
}

const OFFER_PAGE = 2000;

const routedId = (leadId: string): string => `routed:${leadId}`;

/**
 * Marks the lead as routed; true when this call set the mark (false: it was routed already, by
 * another instance or another way in), so a lead handed to the team is routed exactly once.
 */
export function markRouted(
  storage: ServerStorage,
  teamId: string,
  leadId: string,
  now: number,
): Promise<boolean> {
  return setMarkOnce(storage, teamId, routedId(leadId), { leadId, at: now });
}

/** Writes a mark only if it is not there yet; true when this call wrote it. */
function setMarkOnce(
  storage: ServerStorage,
  teamId: string,
  id: string,
  fields: Record<string, unknown>,
): Promise<boolean> {
  return storage.writeDocuments(teamId, MARKS, [id], (current) => {
    const row = current.get(id);
    if (row !== undefined && !row.doc._deleted) return { writes: [], result: false };
    return { writes: [{ id, ownerId: null, doc: { id, ...fields, _deleted: false } }], result: true };
  });
}

const importerId = (importId: string): string => `importer:${importId}`;

/** Records who handed an import's leads to the team first; a later call changes nothing. */
export async function markImporter(
  storage: ServerStorage,
  teamId: string,
  importId: string,
  agentId: string,
): Promise<void> {
  await setMarkOnce(storage, teamId, importerId(importId), { agentId });
}

/** Who handed the import's leads to the team (markImporter), or null. */
export async function readImporter(
  storage: ServerStorage,
  teamId: string,
  importId: string,
): Promise<string | null> {
  const id = importerId(importId);
  const doc = (await storage.readDocuments(teamId, MARKS, [id])).get(id)?.doc;
  return doc === undefined || doc._deleted || typeof doc.agentId !== 'string' ? null : doc.agentId;
}

const HANDED_ID = 'handed-seq';

/** The seq up to which the leads desktops handed to the team were read. */
export async function readHandedSeq(storage: ServerStorage, teamId: string): Promise<number> {
  const seq = (await storage.readDocuments(teamId, COLLECTION, [HANDED_ID])).get(HANDED_ID)?.doc.seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : 0;
}

/** Moves the mark on, never back (two instances reading at once). */
export async function saveHandedSeq(storage: ServerStorage, teamId: string, seq: number): Promise<void> {
  await storage.writeDocuments(teamId, COLLECTION, [HANDED_ID], (current) => {
    const was = current.get(HANDED_ID)?.doc.seq;
    if (typeof was === 'number' && was >= seq) return { writes: [], result: undefined };
    return {
      writes: [{ id: HANDED_ID, ownerId: null, doc: { id: HANDED_ID, seq, _deleted: false } }],
      result: undefined,
    };
  });
}

/** What the rules gave one agent from one import so far, told in one to-do per round. */
export interface ImportTally {
  offered: number;
  given: number;
  /** A new round starts when the agent closed the last round's to-do. */
  round: number;
}

const tallyId = (importId: string, agentId: string): string => `import:${importId}:${agentId}`;

export async function readImportTally(
  storage: ServerStorage,
  teamId: string,
  importId: string,
  agentId: string,
): Promise<ImportTally> {
  const id = tallyId(importId, agentId);
  const doc = (await storage.readDocuments(teamId, MARKS, [id])).get(id)?.doc;
  const count = (value: unknown): number => (typeof value === 'number' && value >= 0 ? value : 0);
  return { offered: count(doc?.offered), given: count(doc?.given), round: count(doc?.round) };
}

export async function saveImportTally(
  storage: ServerStorage,
  teamId: string,
  importId: string,
  agentId: string,
  tally: ImportTally,
): Promise<void> {
  const id = tallyId(importId, agentId);
  await storage.writeDocuments(teamId, MARKS, [id], () => ({
    writes: [{ id, ownerId: null, doc: { id, ...tally, _deleted: false } }],
    result: undefined,
  }));
}
