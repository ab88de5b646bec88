import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A screen follows the store a moment after a write; on a busy machine that moment is more
    // than expect.poll's default second, so every poll waits up to 15 s unless it says otherwise.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
