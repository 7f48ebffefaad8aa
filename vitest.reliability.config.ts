import { defineConfig } from 'vitest/config';

// The long reliability suite: crashes, several processes, load, faults. `npm run test:reliability`.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
