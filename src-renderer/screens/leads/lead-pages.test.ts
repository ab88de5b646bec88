import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../src-shared/domain';
import type { LeadsQuery } from '../../../src-shared/ipc/leads';
import { LeadPageCache, PAGE_SIZE, REFRESH_DELAY_MS, type PageAnswer } from './lead-pages';

interface Asked {
  query: LeadsQuery;
  answer: (a: PageAnswer) => void;
  fail: (e: Error) => void;
}

function rig() {
  const asked: Asked[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  let changes = 0;
  const cache = new LeadPageCache({
    fetch: (query) => new Promise<PageAnswer>((answer, fail) => asked.push({ query, answer, fail })),
    onChange: () => changes++,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
  });
  const fireTimers = (): void => {
    for (const t of timers.splice(0)) if (!t.cleared) t.run();
  };
  return { cache, asked, timers, fireTimers, changes: () => changes };
}

const lead = (id: string): Lead => ({ id }) as Lead;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the grid page cache', () => {
  it('asks for page 0 of a new query and holds its rows', async () => {
    const { cache, asked } = rig();
    cache.setQuery({ search: 'ros' });
    expect(asked.map((a) => a.query)).toEqual([{ search: 'ros', offset: 0, limit: PAGE_SIZE }]);
    asked[0]?.answer({ rows: [lead('a')], total: 1 });
    await settle();
    expect(cache.rowAt(0)?.id).toBe('a');
    expect(cache.total).toBe(1);
    expect(cache.loading).toBe(false);
  });

  it('drops an answer to the last query once a new one is asked', async () => {
    const { cache, asked } = rig();
    cache.setQuery({});
    cache.setQuery({ search: 'ros' });
    asked[1]?.answer({ rows: [lead('ros')], total: 1 });
    asked[0]?.answer({ rows: [lead('x'), lead('y')], total: 500 });
    await settle();
    expect(cache.rowAt(0)?.id).toBe('ros');
    expect(cache.total).toBe(1);
  });

  it('a refresh from an event that came before the query changed asks with the new query', async () => {
    const { cache, asked, fireTimers } = rig();
    cache.setQuery({});
    asked[0]?.answer({ rows: [lead('x')], total: 500 });
    await settle();
    cache.changed(); // a lead was saved while the grid showed every lead
    cache.setQuery({ search: 'ros' }); // then the agent typed a search
    fireTimers();
    asked.at(-1)?.answer({ rows: [lead('ros')], total: 1 });
    for (const a of asked.slice(1, -1)) a.answer({ rows: [lead('x')], total: 500 });
    await settle();
    expect(asked.every((a, i) => i === 0 || a.query.search === 'ros')).toBe(true);
    expect(cache.rowAt(0)?.id).toBe('ros');
    expect(cache.total).toBe(1);
  });

  it('a refresh after a change re-asks the pages held and keeps them on screen meanwhile', async () => {
    const { cache, asked, timers, fireTimers } = rig();
    cache.setQuery({});
    asked[0]?.answer({ rows: [lead('old')], total: 250 });
    await settle();
    cache.ensureRange(150, 210);
    asked[1]?.answer({ rows: [lead('p1')], total: 250 });
    asked[2]?.answer({ rows: [lead('p2')], total: 250 });
    await settle();
    cache.changed();
    cache.changed();
    expect(timers.filter((t) => !t.cleared)).toHaveLength(1);
    expect(timers[0]?.ms).toBe(REFRESH_DELAY_MS);
    fireTimers();
    expect(asked.slice(3).map((a) => a.query.offset)).toEqual([0, 100, 200]);
    expect(cache.rowAt(0)?.id).toBe('old');
    asked[3]?.answer({ rows: [lead('new')], total: 251 });
    await settle();
    expect(cache.rowAt(0)?.id).toBe('new');
    expect(cache.total).toBe(251);
  });

  it('shows an error in words and clears it with the next answer', async () => {
    const { cache, asked } = rig();
    cache.setQuery({});
    asked[0]?.fail(new Error('The store is busy; try again.'));
    await settle();
    expect(cache.error).toBe('The store is busy; try again.');
    expect(cache.loading).toBe(false);
    cache.ensureRange(0, 10);
    asked[1]?.answer({ rows: [lead('a')], total: 1 });
    await settle();
    expect(cache.error).toBeNull();
    expect(cache.rowAt(0)?.id).toBe('a');
  });

  it('after close nothing lands and nothing more is asked', async () => {
    const { cache, asked, timers } = rig();
    cache.setQuery({});
    cache.changed();
    cache.close();
    expect(timers[0]?.cleared).toBe(true);
    cache.ensureRange(0, 300);
    expect(asked).toHaveLength(1);
    asked[0]?.answer({ rows: [lead('late')], total: 1 });
    await settle();
    expect(cache.rowAt(0)).toBeUndefined();
  });
});
