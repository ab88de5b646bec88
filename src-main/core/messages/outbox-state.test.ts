// Laws of the outbox state machine, over random walks of attempted transitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageStatus } from '../../../src-shared/domain';
import { messageStatuses } from '../../../src-shared/domain';
import { canTransition } from './outbox-state';

const status = fc.constantFrom(...messageStatuses);

function walk(start: MessageStatus, attempts: readonly MessageStatus[]): MessageStatus[] {
  const path = [start];
  let current = start;
  for (const next of attempts) {
    if (canTransition(current, next)) {
      current = next;
      path.push(next);
    }
  }
  return path;
}

describe('outbox state machine', () => {
  it('OS1: an uncertain message reaches `sending` again only through `scheduled` and a new claim', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 40 }), (attempts) => {
        const path = walk('uncertain', attempts);
        const firstSending = path.indexOf('sending');
        if (firstSending === -1) return;
        const before = path.slice(0, firstSending);
        expect(before).toContain('scheduled');
        expect(before.at(-1)).toBe('claimed');
      }),
    );
  });

  it('OS2: nothing is sent without a claim; delivered, undelivered, failed and cancelled are final', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 40 }), (attempts) => {
        const path = walk('scheduled', attempts);
        path.forEach((s, i) => {
          if (s === 'sending') expect(path[i - 1]).toBe('claimed');
          if (['delivered', 'undelivered', 'failed', 'cancelled'].includes(s))
            expect(path.slice(i + 1)).toEqual([]);
        });
      }),
    );
  });
});
