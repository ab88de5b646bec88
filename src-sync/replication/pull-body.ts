// A pull page's body (SY-P2) and a stream frame (SY-P6), written from the stored JSON text:
// every document was stored as JSON.stringify of its wire form, so its text goes into the
// answer as it is, with no parse and no second stringify (a fresh replica pulls 100,000 of
// them). Only a scope exit (SY-S6) is parsed, to send its tombstone instead of the document.
import { scopeExitTombstone } from '../../src-shared/sync';
import type { PulledChange } from '../storage/server-storage';

export function pullBody(collection: string, rows: readonly PulledChange[], afterSeq: number): string {
  const documents = rows.map((row) =>
    row.scopeExit
      ? JSON.stringify(scopeExitTombstone(collection, JSON.parse(row.data) as Record<string, unknown>))
      : row.data,
  );
  return `{"documents":[${documents.join(',')}],"checkpoint":{"seq":${rows.at(-1)?.seq ?? afterSeq}}}`;
}
