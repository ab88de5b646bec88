import { afterEach, describe, expect, it } from 'vitest';
import { combine } from '../../src-shared/ipc/combine';
import { leadHandlers } from './leads/handlers';
import { sequenceHandlers } from './sequences/handlers';
import type { TestCore } from './testing/test-core';
import { createTestCore } from './testing/test-core';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('core app (the handler side)', () => {
  it('throws when two features register the same handler name', async () => {
    core = await createTestCore();
    const ctx = core.ctx;
    expect(() => combine(leadHandlers(ctx), sequenceHandlers(ctx), leadHandlers(ctx))).toThrow(
      /"leads-query" is declared by two features/,
    );
  });
});
