// "Forget a person" on this replica (docs/sync.md, SY-E3). When replication pulls a lead
// tombstone tagged `erased`, the person goes from this desktop's store, history included:
//   1. before the tombstone lands, note the lead's plain addresses;
//   2. remove the lead's messages, tasks and enrollments that are still here (copies the
//      server never had included) and this desktop's plain suppressions of those addresses
//      (the server keeps hashed ones, which replicate in);
//   3. those removals never go to the server (the push filter drops them: a deletion carries
//      the document, and the server already holds tombstones);
//   4. once replication is in step, purge the collections' tombstones for good, and have the
//      store scrub the freed bytes (secure delete and a write-ahead-log checkpoint).
import { HASHED_ADDRESS_PREFIX, LEAD_HISTORY_COLLECTIONS } from '../../../src-shared/sync/erasure';
import type { PorchlightDatabase } from '../store/collections';
import { plainCollection, type ReplicatedCollection } from './replicated';

const PURGED: readonly ReplicatedCollection[] = ['leads', ...LEAD_HISTORY_COLLECTIONS, 'suppressions'];

export interface ErasureDeps {
  db: PorchlightDatabase;
  /** Resolves when every replication has pushed and pulled what it has. */
  awaitInSync(): Promise<void>;
  /** Rewrites the store's freed pages so deleted bytes leave the file (the shell's store). */
  scrubStore(): Promise<void>;
}

export class ReplicaErasure {
  /** Leads being erased: their history's removals stay on this desktop. */
  private readonly erasing = new Set<string>();
  /** This desktop's plain suppressions of erased addresses, being removed. */
  private readonly erasingSuppressions = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ErasureDeps) {}

  /** Step 3: whether a deletion belongs to an erasure and must not be pushed. */
  isErasureRemoval(collection: ReplicatedCollection, doc: Record<string, unknown>): boolean {
    if (doc._deleted !== true) return false;
    if (collection === 'suppressions')
      return typeof doc.id === 'string' && this.erasingSuppressions.has(doc.id);
    return (
      (LEAD_HISTORY_COLLECTIONS as readonly string[]).includes(collection) &&
      typeof doc.leadId === 'string' &&
      this.erasing.has(doc.leadId)
    );
  }

  /** Step 1, from the pull modifier: the tombstone of `leadId` is about to be written. */
  async tombstonePulled(leadId: string): Promise<void> {
    this.erasing.add(leadId);
    const lead = await this.deps.db.leads.findOne(leadId).exec();
    const addresses = [lead?.email, lead?.phone].filter((a): a is string => a !== undefined && a !== '');
    this.queue = this.queue.then(() => this.erase(leadId, addresses)).catch(() => undefined);
  }

  /** Resolves when every erasure pulled so far is complete. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async erase(leadId: string, addresses: string[]): Promise<void> {
    const { db } = this.deps;
    // Step 2.
    for (const name of LEAD_HISTORY_COLLECTIONS) {
      const docs = await plainCollection(db, name).find({ selector: { leadId } }).exec();
      await plainCollection(db, name).bulkRemove(docs.map((doc) => String(doc.primary)));
    }
    // Hashed suppressions (SY-E2) are what keeps the person from being contacted again: they stay.
    const plain = (
      await db.suppressions.find({ selector: { $or: [{ leadId }, { address: { $in: addresses } }] } }).exec()
    ).filter((doc) => !doc.address.startsWith(HASHED_ADDRESS_PREFIX));
    for (const doc of plain) this.erasingSuppressions.add(doc.id);
    await db.suppressions.bulkRemove(plain.map((doc) => doc.id));
    // Step 4.
    await this.deps.awaitInSync();
    for (const name of PURGED) await plainCollection(db, name).storageInstance.cleanup(0);
    await this.deps.scrubStore();
    this.erasing.delete(leadId);
    for (const doc of plain) this.erasingSuppressions.delete(doc.id);
  }
}
