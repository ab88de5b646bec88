// Conflict rules of the sync server (docs/sync.md, SY-M*). Pure: given the server's master
// state, the state the client assumed, and the client's new state, say what the server keeps.
//
// RxDB's push contract: when the assumed state equals the master, the new state is written;
// otherwise the master is returned as a conflict and the client adopts it. The rules here only
// choose a better master (a merge) before it is returned; they never lose a write silently.
import type { MergeRule } from './collections';
import type { WireDocument } from './protocol';

export interface PushDecision {
  /** What the server stores; undefined keeps the master as it is. */
  store: WireDocument | undefined;
  /** When true the stored (or kept) master goes back to the client as a conflict. */
  conflict: boolean;
}

/** Fields RxDB adds on the client that never reach the server's comparison or storage. */
const CLIENT_ONLY_FIELDS = new Set(['_meta', '_rev', '_attachments']);

/** The document as the server stores and compares it: without RxDB's client-side fields. */
export function serverShape(doc: WireDocument): WireDocument {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(doc).sort()) {
    if (!CLIENT_ONLY_FIELDS.has(key)) out[key] = doc[key];
  }
  return out as WireDocument;
}

/** Deep equality of JSON values, independent of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, index) => sameJson(value, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  const otherKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => sameJson(left[key], right[key]));
}

function updatedAtOf(doc: WireDocument): number {
  return typeof doc.updatedAt === 'number' ? doc.updatedAt : 0;
}

/**
 * SY-M4: when exactly one side is deleted, the deletion wins only when it is newer
 * (a later `updatedAt`); on a tie the master stays.
 */
function deletionOutcome(master: WireDocument, incoming: WireDocument): WireDocument | undefined {
  if (master._deleted === incoming._deleted) return undefined;
  return updatedAtOf(incoming) > updatedAtOf(master) ? incoming : master;
}

/**
 * SY-M3: three-way merge per top-level field. A field changed on one side only takes that side;
 * a field changed on both takes the side with the later `updatedAt` (the master on a tie).
 */
export function mergeLeadFields(
  master: WireDocument,
  assumed: WireDocument | undefined,
  incoming: WireDocument,
): WireDocument {
  const base: Record<string, unknown> = assumed ?? {};
  const incomingIsNewer = updatedAtOf(incoming) > updatedAtOf(master);
  const merged: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(master), ...Object.keys(incoming)]);
  for (const key of keys) {
    const changedHere = !sameJson(incoming[key], base[key]);
    const changedThere = !sameJson(master[key], base[key]);
    const value = changedHere && (!changedThere || incomingIsNewer) ? incoming[key] : master[key];
    if (value !== undefined) merged[key] = value;
  }
  merged.updatedAt = Math.max(updatedAtOf(master), updatedAtOf(incoming));
  return serverShape(merged as WireDocument);
}

/**
 * SY-M1: how far a message has come. Before the hand-over (draft, scheduled, claimed, sending)
 * the engine moves freely under its claim; after it a status never goes back: uncertain < sent
 * < a final outcome (delivered, undelivered, failed, cancelled, received, logged).
 */
export function messageProgress(status: unknown): number {
  switch (status) {
    case 'uncertain':
      return 1;
    case 'sent':
      return 2;
    case 'delivered':
    case 'undelivered':
    case 'failed':
    case 'cancelled':
    case 'received':
    case 'logged':
      return 3;
    default:
      return 0;
  }
}

function historyLength(doc: WireDocument): number {
  return Array.isArray(doc.statusHistory) ? doc.statusHistory.length : 0;
}

type StatusChange = { status: unknown; at: unknown; detail?: unknown };

function historyOf(doc: WireDocument): StatusChange[] {
  const history: unknown = doc.statusHistory;
  return Array.isArray(history) ? (history as StatusChange[]) : [];
}

function mergedHistory(a: WireDocument, b: WireDocument): StatusChange[] {
  const all = [...historyOf(a), ...historyOf(b)];
  const seen = new Set<string>();
  const unique = all.filter((change) => {
    const key = JSON.stringify([change.status, change.at, change.detail]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((x, y) => Number(x.at) - Number(y.at));
  return unique.slice(-50);
}

/** What the team server records on a message itself (the tracking pixel, a tracked click). */
const ENGAGEMENT = ['openedAt', 'clickedAt'] as const;

/** The first time each engagement was recorded, on either side. */
function engagementOf(a: WireDocument, b: WireDocument): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const field of ENGAGEMENT) {
    const times = [a[field], b[field]].filter((t): t is number => typeof t === 'number');
    if (times.length > 0) kept[field] = Math.min(...times);
  }
  return kept;
}

/**
 * SY-M1: the status (and the facts that came with it) of whichever side got further; an open or
 * click either side recorded is kept (a lead can open an email before its sender's desktop has
 * pushed `sent`).
 */
function furtherMessage(master: WireDocument, incoming: WireDocument): WireDocument {
  const ahead =
    messageProgress(incoming.status) > messageProgress(master.status) ||
    (messageProgress(incoming.status) === messageProgress(master.status) &&
      historyLength(incoming) > historyLength(master))
      ? incoming
      : master;
  return serverShape({
    ...ahead,
    ...engagementOf(master, incoming),
    statusHistory: mergedHistory(master, incoming),
    updatedAt: Math.max(updatedAtOf(master), updatedAtOf(incoming)),
  });
}

/** The server's decision for one pushed row (the push algorithm's step SY-P3). */
export function decidePush(
  rule: MergeRule,
  master: WireDocument | undefined,
  assumed: WireDocument | undefined,
  incomingRaw: WireDocument,
  options: { hasTimestamps: boolean },
): PushDecision {
  const incoming = serverShape(incomingRaw);
  if (master === undefined) return { store: incoming, conflict: false };
  const matches = assumed !== undefined && sameJson(serverShape(assumed), master);
  if (matches) {
    // SY-M1 also guards writes without a conflict: a stale status never replaces a later one.
    if (rule === 'message-status' && messageProgress(incoming.status) < messageProgress(master.status)) {
      return { store: furtherMessage(master, incoming), conflict: true };
    }
    return { store: incoming, conflict: false };
  }
  if (sameJson(incoming, master)) return { store: undefined, conflict: false };
  if (options.hasTimestamps) {
    const byDeletion = deletionOutcome(master, incoming);
    if (byDeletion !== undefined) {
      // SY-M2: between a live suppression and a deleted one, the live one wins, whatever the clock.
      if (rule === 'suppression-wins') {
        return master._deleted ? { store: incoming, conflict: true } : { store: undefined, conflict: true };
      }
      return byDeletion === master
        ? { store: undefined, conflict: true }
        : { store: incoming, conflict: true };
    }
  }
  switch (rule) {
    case 'lead-fields':
      return { store: mergeLeadFields(master, assumed, incoming), conflict: true };
    case 'message-status':
      return { store: furtherMessage(master, incoming), conflict: true };
    case 'suppression-wins':
    case 'master-wins':
      return { store: undefined, conflict: true };
  }
}
