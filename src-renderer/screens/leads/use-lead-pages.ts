// Server-side paging for the grid: rows are fetched in pages as the virtual window reaches
// them; the query (search, filters, sort) runs in core. A `leads-changed` event refreshes the
// pages on screen, so other windows' and the engine's edits show up. The cache and its
// generations live in lead-pages.ts; this hook ties them to React.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Lead } from '../../../src-shared/domain';
import { useBridge, useCoreEvent } from '../../bridge/context';
import { LeadPageCache, type PageQuery } from './lead-pages';

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

export function useLeadPages(query: PageQuery): LeadPages {
  const bridge = useBridge();
  const [version, setVersion] = useState(0);
  const cache = useMemo(
    () =>
      new LeadPageCache({
        fetch: (q) => bridge.invoke('leads-query', q),
        onChange: () => setVersion((v) => v + 1),
      }),
    [bridge],
  );
  useEffect(() => () => cache.close(), [cache]);

  const queryKey = JSON.stringify(query);
  useEffect(() => cache.setQuery(JSON.parse(queryKey) as PageQuery), [cache, queryKey]);

  const onChanged = useCallback(() => cache.changed(), [cache]);
  useCoreEvent('leads-changed', onChanged);
  useCoreEvent('demo-changed', onChanged);

  const rowAt = useCallback((index: number) => cache.rowAt(index), [cache]);
  const ensureRange = useCallback((first: number, last: number) => cache.ensureRange(first, last), [cache]);
  return { total: cache.total, rowAt, ensureRange, version, error: cache.error, loading: cache.loading };
}
