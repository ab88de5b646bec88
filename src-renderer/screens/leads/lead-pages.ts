// The grid's page cache, apart from React so its races can be tested. Rows arrive in pages of
// PAGE_SIZE for one query at a time. Every change of query, and every refresh after a
// `leads-changed` event, starts a new generation: an answer asked for by an older generation
// is dropped, so rows of the last query never land under a new one. A refresh always asks with
// the query current when it runs, not the one current when the event came.
import type { Lead } from '../../../src-shared/domain';
import type { LeadsQuery } from '../../../src-shared/ipc/leads';

export const PAGE_SIZE = 100;
/** Events that come together refresh once, this long after the last. */
export const REFRESH_DELAY_MS = 150;

export type PageQuery = Omit<LeadsQuery, 'offset' | 'limit'>;

export interface PageAnswer {
  rows: Lead[];
  total: number;
}

export interface PageCacheDeps {
  fetch: (query: LeadsQuery) => Promise<PageAnswer>;
  /** Called whenever what the cache holds changed: rows, total, error or loading. */
  onChange: () => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class LeadPageCache {
  private pages = new Map<number, Lead[]>();
  private inFlight = new Set<number>();
  private generation = 0;
  private visible: [number, number] = [0, 0];
  private refreshTimer: unknown;
  private query: PageQuery | null = null;
  private closed = false;
  total = 0;
  error: string | null = null;
  loading = true;

  constructor(private readonly deps: PageCacheDeps) {}

  /** The row at `index`, or undefined while its page loads. */
  rowAt(index: number): Lead | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Starts over for a new query: what was cached, asked or waiting to refresh is dropped. */
  setQuery(query: PageQuery): void {
    this.cancelRefresh();
    this.closed = false;
    this.query = query;
    this.generation++;
    this.pages = new Map();
    this.inFlight = new Set();
    this.loading = true;
    this.deps.onChange();
    const [first, last] = this.visible;
    this.ensureRange(first, last);
    this.fetchPage(0, false);
  }

  /** Asks for the pages covering [first, last]; returns at once. */
  ensureRange(first: number, last: number): void {
    this.visible = [first, last];
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++)
      this.fetchPage(page, false);
  }

  /** After a change in core: refreshes the pages held, keeping them on screen until they arrive. */
  changed(): void {
    this.cancelRefresh();
    const setTimer = this.deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.refreshTimer = setTimer(() => {
      this.refreshTimer = undefined;
      const loaded = [...this.pages.keys()];
      this.generation++;
      this.inFlight = new Set();
      for (const page of loaded.length > 0 ? loaded : [0]) this.fetchPage(page, true);
    }, REFRESH_DELAY_MS);
  }

  /** Stops: nothing asked before lands, nothing more is asked until the next query. */
  close(): void {
    this.closed = true;
    this.cancelRefresh();
    this.generation++;
  }

  private fetchPage(page: number, force: boolean): void {
    const query = this.query;
    if (query === null || this.closed) return;
    if (!force && (this.pages.has(page) || this.inFlight.has(page))) return;
    const asked = this.generation;
    this.inFlight.add(page);
    this.deps
      .fetch({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((answer) => {
        if (asked !== this.generation) return;
        this.pages.set(page, answer.rows);
        this.total = answer.total;
        this.error = null;
      })
      .catch((e: unknown) => {
        if (asked === this.generation) this.error = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        if (asked !== this.generation) return;
        this.inFlight.delete(page);
        this.loading = false;
        this.deps.onChange();
      });
  }

  private cancelRefresh(): void {
    if (this.refreshTimer === undefined) return;
    const clearTimer =
      this.deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    clearTimer(this.refreshTimer);
    this.refreshTimer = undefined;
  }
}
