// One RxDB replication (rxdb/plugins/replication) per replicated collection, against the team
// server through the SyncTransport port. RxDB keeps the checkpoints (in its meta tables, in
// the same store), retries while offline and resolves conflicts the server returns; this file
// adds what Porchlight needs around it: what may leave (replicated.ts), erasures pulled from the
// server (erasure.ts), and the connection's health for the status (ReplicationHealth).
// Writes made by replication are ordinary store writes: the UI hears of them through the
// store's change streams like any other write.
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getHeightOfRevision,
  getLastCheckpointDoc,
  writeDocToDocState,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
  type WithDeleted,
} from 'rxdb';
import { Observable, type Subscription } from 'rxjs';
import type { PorchlightDatabase } from '../store/collections';
import type { SyncAuth, SyncCheckpoint, SyncRefusal, SyncTransport } from '../ports/sync-transport';
import type { ReplicaErasure } from './erasure';
import type { ReplicatedCollection } from './replicated';
import {
  isErasedLead,
  isPushable,
  isSharedDocument,
  plainCollection,
  replicatedCollections,
} from './replicated';

type Doc = Record<string, unknown>;

export interface ReplicationHealth {
  /** The server answered (a pull, a push, or the live stream opened). */
  reached(): void;
  /** The server could not be reached, or refused the request. */
  failed(error: unknown): void;
  refused(collection: ReplicatedCollection, refusals: SyncRefusal[]): void;
  /** Every collection has nothing left to push or pull for now. */
  idle(): void;
  /** A store write or a finished push may have changed what waits to be pushed. */
  pendingMayHaveChanged(): void;
}

export interface TeamReplicationOptions {
  db: PorchlightDatabase;
  transport: SyncTransport;
  serverUrl: string;
  auth: SyncAuth;
  team: { teamId: string; agentId: string };
  erasure: ReplicaErasure;
  health: ReplicationHealth;
  /** Pause between retries while the server is out of reach (RxDB's default: 5 s). */
  retryMs?: number;
  batchSize?: number;
}

/**
 * Documents a pull page asks for. Large, because a new desktop pulls the team's whole history
 * (100,000 leads in 50 pages) and each page costs a request and a store transaction; a page of
 * leads is a few MB. Pushes stay at 200: they carry this desktop's own, fewer, changes.
 */
export const DESKTOP_PULL_BATCH = 2000;
const PUSH_BATCH = 200;

/** A count of pending pushes stops here: the status says "1,000 or more". */
const PENDING_COUNT_CAP = 1000;

export class TeamReplication {
  private readonly states = new Map<ReplicatedCollection, RxReplicationState<Doc, SyncCheckpoint>>();
  private readonly watches: Subscription[] = [];
  private stopped = false;

  constructor(private readonly options: TeamReplicationOptions) {
    for (const name of replicatedCollections) this.states.set(name, this.replicate(name));
    let busy = new Set<ReplicatedCollection>();
    for (const [name, state] of this.states) {
      this.watches.push(
        state.active$.subscribe((active) => {
          const before = busy.size;
          busy = new Set(busy);
          if (active) busy.add(name);
          else busy.delete(name);
          if (!active) options.health.pendingMayHaveChanged();
          if (before > 0 && busy.size === 0) options.health.idle();
        }),
        plainCollection(options.db, name).$.subscribe(() => options.health.pendingMayHaveChanged()),
      );
      // A push is done when RxDB has written the master state it now assumes, after the
      // replication may already have gone idle (a RESYNC's push runs after it says so).
      void state.startPromise
        .then(() => {
          const meta = state.metaInstance;
          if (this.stopped || meta === undefined) return;
          this.watches.push(meta.changeStream().subscribe(() => options.health.pendingMayHaveChanged()));
        })
        .catch(() => undefined);
    }
  }

  private replicate(name: ReplicatedCollection): RxReplicationState<Doc, SyncCheckpoint> {
    const { transport, serverUrl, auth, team, erasure, health } = this.options;
    const handlers = transport.collection(serverUrl, name, {
      auth,
      onRefused: (refusals) => health.refused(name, refusals),
      onStreamDown: (error) => health.failed(error),
    });
    const stream$ = new Observable<
      'RESYNC' | { documents: (Doc & { _deleted: boolean })[]; checkpoint: SyncCheckpoint }
    >((subscriber) =>
      handlers.stream$.subscribe({
        next: (item) => {
          if (item === 'RESYNC') health.reached();
          subscriber.next(item === 'RESYNC' ? item : { ...item, documents: shared(name, item.documents) });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
    const state: RxReplicationState<Doc, SyncCheckpoint> = replicateRxCollection<Doc, SyncCheckpoint>({
      collection: plainCollection(this.options.db, name),
      // One checkpoint per server, team, agent and collection: another sign-in starts afresh.
      replicationIdentifier: `porchlight|${serverUrl}|${team.teamId}|${team.agentId}|${name}`,
      live: true,
      waitForLeadership: false,
      retryTime: this.options.retryMs ?? 5000,
      pull: {
        batchSize: this.options.batchSize ?? DESKTOP_PULL_BATCH,
        handler: async (checkpoint, batchSize) => {
          // RxDB stops pulling at a short page, so a page thinned by the filter is topped up
          // from the next ones; the checkpoint moves past what was dropped.
          let page = await observe(health, handlers.pullHandler(checkpoint, batchSize));
          let documents = shared(name, page.documents);
          while (documents.length < batchSize && page.documents.length === batchSize) {
            page = await observe(health, handlers.pullHandler(page.checkpoint, batchSize));
            documents = documents.concat(shared(name, page.documents));
          }
          return { documents, checkpoint: page.checkpoint };
        },
        stream$,
        modifier: async (doc: Doc & { _deleted: boolean }) => {
          if (name === 'leads' && isErasedLead(doc) && typeof doc.id === 'string')
            await erasure.tombstonePulled(doc.id);
          return doc;
        },
      },
      push: {
        batchSize: this.options.batchSize ?? PUSH_BATCH,
        handler: async (rows): Promise<WithDeleted<Doc>[]> => {
          // SY-C8: a document the pull wrote and nobody changed since holds the server's state;
          // it is not pushed back (with an older assumed master it would overwrite the server).
          const internal = state.internalReplicationState;
          if (internal === undefined) return observe(health, handlers.pushHandler(rows));
          const idOf = (row: (typeof rows)[number]): string =>
            String(row.newDocumentState[internal.primaryPath]);
          const pulled = await pulledUnchanged(internal, rows.map(idOf));
          const leaving = rows.filter((row) => !pulled.has(idOf(row)));
          return leaving.length === 0 ? [] : observe(health, handlers.pushHandler(leaving));
        },
        modifier: (doc: Doc & { _deleted: boolean }) =>
          isPushable(name, doc, team.teamId) && !erasure.isErasureRemoval(name, doc) ? doc : null,
      },
    });
    state.error$.subscribe((error) => health.failed(error));
    return state;
  }

  /** Resolves once every collection has pushed its local changes and pulled the server's. */
  async awaitInSync(): Promise<void> {
    await Promise.all([...this.states.values()].map((state) => state.awaitInSync()));
  }

  /** Asks every collection to pull what changed on the server (as after a reconnect). */
  reSync(): void {
    for (const state of this.states.values()) state.reSync();
  }

  /**
   * Local changes the server has not taken yet, counted up to PENDING_COUNT_CAP each: documents
   * changed after the push checkpoint, less those replication itself wrote from a pull and not
   * changed since (RxDB's `_meta.o`: the pull's mark and the revision height it wrote) and those
   * that never leave (isPushable). A pulled write may sit after the push checkpoint until the
   * next local write moves it, so the mark, not the checkpoint, tells it apart.
   */
  async pendingPushes(): Promise<number> {
    let pending = 0;
    for (const [name, state] of this.states) {
      const internal = state.internalReplicationState;
      if (internal === undefined || state.isStopped()) continue;
      try {
        pending += await this.pendingIn(name, internal);
      } catch (error) {
        // Signed out or closing meanwhile: a stopped replication has nothing waiting.
        if (!state.isStopped()) throw error;
      }
    }
    return pending;
  }

  private async pendingIn(
    name: ReplicatedCollection,
    internal: RxStorageInstanceReplicationState<Doc>,
  ): Promise<number> {
    const checkpoint = await getLastCheckpointDoc<Doc, unknown>(internal, 'up');
    const changed = await getChangedDocumentsSince(
      internal.input.forkInstance,
      PENDING_COUNT_CAP,
      checkpoint,
    );
    const hash = await pullMarkOf(internal);
    const leaving = changed.documents.filter(
      (doc) => isPushable(name, doc, this.options.team.teamId) && !isPullsOwnWrite(doc, hash),
    );
    const assumed = await getAssumedMasterState(
      internal,
      leaving.map((doc) => String(doc[internal.primaryPath])),
    );
    return leaving.filter((doc) => {
      const master = assumed[String(doc[internal.primaryPath])];
      const state = writeDocToDocState(doc, false, false);
      return (
        master === undefined || !internal.input.conflictHandler.isEqual(master.docData, state, 'pending')
      );
    }).length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const watch of this.watches.splice(0)) watch.unsubscribe();
    await Promise.all([...this.states.values()].map((state) => state.cancel()));
  }
}

/**
 * The ids among `ids` whose document in the replica is, right now, the pull's own write and
 * unchanged since: RxDB's downstream marks each document it writes with `_meta.o` (the hash of
 * the replication's identifier and the revision height it wrote), and any later write of the
 * document raises the height past the mark. RxDB writes a pulled document to the store and
 * then, separately, the master state it assumes; a push read between the two would take the
 * pulled document for a local change (SY-C8).
 */
async function pulledUnchanged(
  internal: RxStorageInstanceReplicationState<Doc>,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const hash = await pullMarkOf(internal);
  const docs = await internal.input.forkInstance.findDocumentsById([...ids], true);
  return new Set(
    docs.filter((doc) => isPullsOwnWrite(doc, hash)).map((doc) => String(doc[internal.primaryPath])),
  );
}

/** The hash RxDB's downstream writes into `_meta.o` of each document it writes. */
function pullMarkOf(internal: RxStorageInstanceReplicationState<Doc>): Promise<string> {
  return internal.input.hashFunction(internal.input.identifier);
}

function isPullsOwnWrite(doc: RxDocumentData<Doc>, hash: string): boolean {
  const mark: unknown = doc._meta.o;
  return (
    typeof mark === 'object' &&
    mark !== null &&
    'hash' in mark &&
    '_rev' in mark &&
    mark.hash === hash &&
    mark._rev === getHeightOfRevision(doc._rev)
  );
}

/** SY-C4 on the way in: a device-only setting from the server never lands in this store. */
function shared<D extends Doc>(name: ReplicatedCollection, documents: D[]): D[] {
  return name === 'settings' ? documents.filter((doc) => isSharedDocument(name, doc)) : documents;
}

async function observe<T>(health: ReplicationHealth, request: Promise<T>): Promise<T> {
  try {
    const result = await request;
    health.reached();
    return result;
  } catch (error) {
    health.failed(error);
    throw error;
  }
}
