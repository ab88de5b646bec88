import { describe, expect, it } from 'vitest';
import { FairTurns } from './fair-turns';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fair turns', () => {
  it('starts a lone request at once', async () => {
    const turns = new FairTurns(2);
    let started = false;
    void turns.admit().then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(true);
  });

  it('starts at most a turn’s worth of a burst per turn of the loop, first come first served', async () => {
    const turns = new FairTurns(3);
    const started: number[] = [];
    const all = Array.from({ length: 8 }, (_, i) => turns.admit().then(() => started.push(i)));
    for (let k = 0; k < 5; k++) await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    await nextTurn();
    for (let k = 0; k < 5; k++) await Promise.resolve();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
