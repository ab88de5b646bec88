// Server-side paging for the grid: rows are fetched in pages of PAGE_SIZE as the virtual
// window reaches them; the query (search, filters, sort) runs in core. A `leads-changed`
// event refreshes the pages on screen, so other windows' and the engine's edits show up.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lead } from '../../../src-shared/domain';
import type { LeadsQuery } from '../../../src-shared/ipc/leads';
import { useBridge, useCoreEvent } from '../../bridge/context';

export const PAGE_SIZE = 100;

export interface LeadPages {
  total: number;
  /** The row at `index`, or undefined while its page loads. */
  rowAt: (index: number) => Lead | undefined;
  /** Asks for the pages covering [first, last]; returns at once. */
  ensureRange: (first: number, last: number) => void;
  /** Bumps whenever rows arrive, so views re-render. */
  version: number;
  error: string | null;
  loading: boolean;
}

export function useLeadPages(query: Omit<LeadsQuery, 'offset' | 'limit'>): LeadPages {
  const bridge = useBridge();
  const pages = useRef(new Map<number, Lead[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const visible = useRef<[number, number]>([0, 0]);
  const [total, setTotal] = useState(0);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const queryKey = JSON.stringify(query);

  const fetchPage = useCallback(
    (page: number, force = false): void => {
      if (!force && (pages.current.has(page) || inFlight.current.has(page))) return;
      const asked = generation.current;
      inFlight.current.add(page);
      bridge
        .invoke('leads-query', {
          ...(JSON.parse(queryKey) as LeadsQuery),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        })
        .then((result) => {
          if (asked !== generation.current) return;
          pages.current.set(page, result.rows);
          setTotal(result.total);
          setError(null);
          setVersion((v) => v + 1);
        })
        .catch(
          (e: unknown) =>
            asked === generation.current && setError(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => {
          inFlight.current.delete(page);
          if (asked === generation.current) setLoading(false);
        });
    },
    [bridge, queryKey],
  );

  const ensureRange = useCallback(
    (first: number, last: number): void => {
      visible.current = [first, last];
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++)
        fetchPage(page);
    },
    [fetchPage],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    inFlight.current = new Set();
    setLoading(true);
    const [first, last] = visible.current;
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++)
      fetchPage(page);
    fetchPage(0);
  }, [fetchPage]);

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onChanged = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      const loaded = [...pages.current.keys()];
      generation.current++;
      pages.current = new Map(loaded.map((page) => [page, pages.current.get(page) ?? []]));
      inFlight.current = new Set();
      for (const page of loaded.length > 0 ? loaded : [0]) fetchPage(page, true);
    }, 150);
  }, [fetchPage]);
  useCoreEvent('leads-changed', onChanged);
  useCoreEvent('demo-changed', onChanged);

  const rowAt = useCallback(
    (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [],
  );
  return { total, rowAt, ensureRange, version, error, loading };
}
