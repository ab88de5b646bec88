import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedView } from './grid-prefs';
import {
  loadColumns,
  loadViews,
  noFilters,
  saveColumns,
  saveViews,
  viewNameProblem,
  withView,
} from './grid-prefs';

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  Object.assign(globalThis, {
    window: {
      localStorage: {
        getItem: (key: string) => store.get(key) ?? null,
        setItem: (key: string, value: string) => store.set(key, value),
      },
    },
  });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

const view = (name: string): SavedView => ({
  name,
  filters: { ...noFilters, stage: 'new' },
  visibility: { phone: true },
  sort: { id: 'name', desc: false },
});

describe('what the grid remembers', () => {
  it('GP1: keeps columns and views across a reload, and falls back to the defaults on anything unreadable', () => {
    expect(loadColumns().visibility.phone).toBe(false);
    saveColumns({ visibility: { phone: true }, sizing: { name: 300 } });
    expect(loadColumns()).toEqual({ visibility: { phone: true }, sizing: { name: 300 } });
    saveViews([view('Hot buyers')]);
    expect(loadViews()).toEqual([view('Hot buyers')]);

    store.set('porchlight.grid.columns', '{"visibility": 3');
    store.set('porchlight.grid.views', JSON.stringify([{ name: '' }]));
    expect(loadColumns().sizing).toEqual({});
    expect(loadViews()).toEqual([]);
  });

  it('GP2: a view needs a short name; saving one of the same name replaces it, in name order', () => {
    expect(viewNameProblem('  ', [])).toBe('Give the view a name.');
    expect(viewNameProblem('x'.repeat(41), [])).toBe('A view name has at most 40 characters.');
    const full = Array.from({ length: 30 }, (_, i) => view(`v${String(i).padStart(2, '0')}`));
    expect(viewNameProblem('another', full)).toBe('You have 30 views already; delete one first.');
    expect(viewNameProblem('v01', full)).toBeNull();
    const views = withView(withView([view('b')], view('a')), {
      ...view('b'),
      sort: { id: 'score', desc: true },
    });
    expect(views.map((v) => [v.name, v.sort.id])).toEqual([
      ['a', 'name'],
      ['b', 'score'],
    ]);
  });
});
