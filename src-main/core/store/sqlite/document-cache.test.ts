import { describe, expect, it } from 'vitest';
import { DocumentCache } from './document-cache.js';

const doc = (id: string) => ({ id });

describe('DocumentCache', () => {
  it('drops the least recently used documents once the budget is passed', () => {
    const cache = new DocumentCache(30);
    cache.put('c1', 'a', doc('a'), 10);
    cache.put('c1', 'b', doc('b'), 10);
    cache.put('c1', 'c', doc('c'), 10);
    expect(cache.get('c1', 'a')).toEqual(doc('a')); // a is now the most recently used
    cache.put('c1', 'd', doc('d'), 10);
    expect(cache.get('c1', 'b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((id) => cache.get('c1', id))).toEqual([doc('a'), doc('c'), doc('d')]);
  });

  it('keeps tables apart and forgets a table, an id, or a replaced state', () => {
    const cache = new DocumentCache(100);
    cache.put('c1', 'a', doc('a1'), 10);
    cache.put('c2', 'a', doc('a2'), 10);
    cache.put('c1', 'a', doc('a1 again'), 10);
    expect(cache.get('c1', 'a')).toEqual(doc('a1 again'));
    cache.forgetTable('c1');
    expect(cache.get('c1', 'a')).toBeUndefined();
    expect(cache.get('c2', 'a')).toEqual(doc('a2'));
    cache.forget('c2', 'a');
    expect(cache.get('c2', 'a')).toBeUndefined();
  });

  it('caches only the last documents of a write bigger than half the budget, and none with budget 0', () => {
    const cache = new DocumentCache(40);
    cache.put('c1', 'x0', doc('stale'), 5);
    const written = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5'].map((id) => ({ id, doc: doc(id), size: 5 }));
    cache.putWritten('c1', written);
    // 20 of the 40 go to the write's last four; the stale state of x0 is gone with the head
    expect(written.map((w) => cache.get('c1', w.id))).toEqual([
      undefined,
      undefined,
      ...['x2', 'x3', 'x4', 'x5'].map(doc),
    ]);
    const off = new DocumentCache(0);
    off.put('c1', 'a', doc('a'), 1);
    expect(off.get('c1', 'a')).toBeUndefined();
  });
});
