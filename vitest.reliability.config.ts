import { defineConfig } from 'vitest/config';

// The long reliability suite: crashes, several processes, load, faults. `npm run test:reliability`.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    // The embedded server (or DATABASE_URL's) and the migrated template, as in the main suite.
    globalSetup: ['test/setup/database.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
