// The contract's reads through TanStack Query: a query's key is [handler name, args], so two
// screens asking the same thing share one call and one cache entry. Core's `*-changed` events
// invalidate the reads they can change (the table below); screens never refetch by hand.
import type { InfiniteData, QueryClient, QueryKey, UseQueryResult } from '@tanstack/react-query';
import {
  QueryClient as Client,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName, HandlerArgs, HandlerName, HandlerResult } from '../../src-shared/ipc/contract';
import { PorchlightError } from '../../src-shared/ipc/errors';
import { useBridge } from './context';

/**
 * Which reads each event makes stale, by handler-name prefix. `*` = every read (the whole
 * workspace changed). An event missing here invalidates nothing; add it when a screen shows
 * what it changes.
 */
export const invalidatedBy: Partial<Record<EventName, readonly string[]>> = {
  'leads-changed': [
    'leads-',
    'lead-matches',
    'lead-insights',
    'scoring-',
    'messages-',
    'tasks-',
    'replies-',
    'compose-',
    'first-run-',
  ],
  'messages-changed': [
    'messages-',
    'replies-',
    'lead-insights',
    'scoring-explain',
    'leads-get',
    'analytics-',
  ],
  'outbox-attention-changed': ['messages-attention'],
  'tasks-changed': ['tasks-'],
  'tasks-overdue-changed': ['tasks-'],
  'enrollments-changed': ['enrollments-', 'messages-upcoming', 'messages-for-lead', 'sequences-stats'],
  'sequences-changed': ['sequences-', 'enrollments-', 'templates-usage'],
  'templates-changed': ['templates-', 'messages-previews'],
  'engine-settings-changed': ['engine-settings-', 'first-run-', 'messages-previews', 'agents-'],
  'first-run-changed': ['first-run-'],
  'sync-changed': ['sync-', 'agents-'],
  'scores-changed': ['leads-', 'lead-insights', 'scoring-'],
  'scoring-model-changed': ['scoring-', 'lead-insights'],
  'ai-status-changed': ['ai-status'],
  'ai-reply-classified': ['messages-', 'replies-', 'lead-insights', 'scoring-explain'],
  'channels-changed': ['channels-'],
  'channels-status-changed': ['channels-status', 'first-run-'],
  'email-settings-changed': ['email-'],
  'demo-changed': ['*'],
  'imports-changed': ['imports-'],
  'assistant-changed': ['assistant-'],
  'listings-changed': ['listings-', 'lead-matches'],
};

/** Errors worth a second try: the shell was briefly unreachable. Refusals are final. */
function shouldRetry(failures: number, error: unknown): boolean {
  return error instanceof PorchlightError && error.code === 'unavailable' && failures < 2;
}

export function createQueryClient(): QueryClient {
  return new Client({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** Subscribes once to every event of the table and invalidates the reads it names. */
export function useContractInvalidation(): void {
  const bridge = useBridge();
  const client = useQueryClient();
  useEffect(() => {
    const unsubscribers = Object.entries(invalidatedBy).map(([event, prefixes]) =>
      bridge.on(event as EventName, () => {
        void client.invalidateQueries({
          predicate: (query) => {
            const name = query.queryKey[0];
            return (
              typeof name === 'string' &&
              (prefixes ?? []).some((prefix) => prefix === '*' || name.startsWith(prefix))
            );
          },
        });
      }),
    );
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [bridge, client]);
}

/** A read of the contract, cached and kept fresh by the events. */
export function useContractQuery<K extends HandlerName>(
  name: K,
  args: HandlerArgs<K>,
  options: { enabled?: boolean } = {},
): UseQueryResult<HandlerResult<K>, PorchlightError | Error> {
  const bridge = useBridge();
  return useQuery({
    queryKey: [name, args],
    queryFn: () => bridge.invoke(name, args),
    enabled: options.enabled ?? true,
  });
}

/**
 * A read of the contract a page at a time: `nextPage` turns the last page into the arguments
 * for the one after it (undefined when there is none). Invalidated like any other read.
 */
export function useContractPages<K extends HandlerName>(
  name: K,
  args: HandlerArgs<K>,
  nextPage: (last: HandlerResult<K>) => HandlerArgs<K> | undefined,
) {
  const bridge = useBridge();
  return useInfiniteQuery<
    HandlerResult<K>,
    PorchlightError | Error,
    InfiniteData<HandlerResult<K>>,
    QueryKey,
    HandlerArgs<K>
  >({
    queryKey: [name, args],
    // The page parameter is always one of ours (initialPageParam or nextPage's), typed as such above.
    queryFn: ({ pageParam }) => bridge.invoke(name, pageParam as HandlerArgs<K>),
    initialPageParam: args,
    getNextPageParam: nextPage,
  });
}

/** A write through the contract. Its effects reach the reads through core's events. */
export function useContractMutation<K extends HandlerName>(name: K) {
  const bridge = useBridge();
  return useMutation<HandlerResult<K>, PorchlightError | Error, HandlerArgs<K>>({
    mutationFn: (args) => bridge.invoke(name, args),
  });
}

/** What a failed read or write says to a person. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
