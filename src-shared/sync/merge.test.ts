import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageStatuses } from '../domain';
import { decidePush, mergeLeadFields, messageProgress, sameJson } from './merge';
import type { WireDocument } from './protocol';

const doc = (fields: Record<string, unknown>): WireDocument => ({ id: 'x', _deleted: false, ...fields });

describe('conflict rules', () => {
  it('SY-M1 whatever order two replicas push in, the status that got further stays', () => {
    fc.assert(
      fc.property(fc.constantFrom(...messageStatuses), fc.constantFrom(...messageStatuses), (a, b) => {
        const master = doc({ status: a, updatedAt: 1, statusHistory: [{ status: a, at: 1 }] });
        const incoming = doc({ status: b, updatedAt: 2, statusHistory: [{ status: b, at: 2 }] });
        const decision = decidePush('message-status', master, doc({ status: 'draft' }), incoming, {
          hasTimestamps: true,
        });
        const kept = decision.store ?? master;
        expect(messageProgress(kept.status)).toBe(Math.max(messageProgress(a), messageProgress(b)));
      }),
    );
  });

  it('SY-M1 an open the server recorded is kept when the desktop pushes `sent` after it', () => {
    const pushedSending = doc({
      status: 'sending',
      updatedAt: 10,
      statusHistory: [{ status: 'sending', at: 10 }],
    });
    // The lead opened the email (the pixel) before the desktop's `sent` reached the server.
    const master = { ...pushedSending, openedAt: 12, updatedAt: 12 };
    const incoming = doc({
      status: 'sent',
      updatedAt: 11,
      statusHistory: [
        { status: 'sending', at: 10 },
        { status: 'sent', at: 11 },
      ],
    });
    const decision = decidePush('message-status', master, pushedSending, incoming, { hasTimestamps: true });
    expect(decision.store).toMatchObject({ status: 'sent', openedAt: 12 });
    // And the other way round: the desktop's copy had the open, the server's did not.
    const back = decidePush('message-status', incoming, pushedSending, master, { hasTimestamps: true });
    expect(back.store ?? incoming).toMatchObject({ status: 'sent', openedAt: 12 });
  });

  it('SY-M3 a teammate’s later rescore does not win a field this agent edited later', () => {
    const base = doc({ stage: 'new', score: 40, updatedAt: 100 });
    // The teammate set the stage at 200, and their desktop rescored at 400 (updatedAt stays).
    const master = { ...base, stage: 'showing', score: 70, scoredAt: 400, updatedAt: 200 };
    // This agent, offline, set the stage at 300.
    const incoming = { ...base, stage: 'contacted', updatedAt: 300 };
    const merged = mergeLeadFields(master, base, incoming);
    expect(merged).toMatchObject({ stage: 'contacted', score: 70, scoredAt: 400, updatedAt: 300 });
  });

  it('SY-M3 a field changed on one side only is never lost by the merge', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (notes, stage, t1, t2) => {
          const base = doc({ notes: 'base', stage: 'new', updatedAt: 0 });
          const merged = mergeLeadFields({ ...base, stage, updatedAt: t1 }, base, {
            ...base,
            notes,
            updatedAt: t2,
          });
          expect(merged.notes).toBe(notes);
          expect(merged.stage).toBe(stage);
          expect(merged.updatedAt).toBe(Math.max(t1, t2));
        },
      ),
    );
  });

  it('SY-M4 a deletion wins only when newer; SY-M2 a live suppression always wins', () => {
    const live = doc({ updatedAt: 5 });
    const older = doc({ updatedAt: 4, _deleted: true });
    const newer = doc({ updatedAt: 6, _deleted: true });
    expect(decidePush('lead-fields', live, undefined, older, { hasTimestamps: true }).store).toBeUndefined();
    expect(decidePush('lead-fields', live, undefined, newer, { hasTimestamps: true }).store?._deleted).toBe(
      true,
    );
    expect(
      decidePush('suppression-wins', live, undefined, newer, { hasTimestamps: true }).store,
    ).toBeUndefined();
    expect(
      decidePush('suppression-wins', newer, undefined, live, { hasTimestamps: true }).store?._deleted,
    ).toBe(false);
  });

  it('compares documents by value, not key order, ignoring RxDB’s client fields', () => {
    const master = doc({ a: 1, b: { c: [1, 2] } });
    const assumed = {
      _rev: '3-x',
      _meta: { lwt: 1 },
      b: { c: [1, 2] },
      a: 1,
      id: 'x',
      _deleted: false,
    } as WireDocument;
    expect(decidePush('master-wins', master, assumed, doc({ a: 2 }), { hasTimestamps: false })).toEqual({
      store: doc({ a: 2 }),
      conflict: false,
    });
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});
