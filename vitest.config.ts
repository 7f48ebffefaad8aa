import { defineConfig } from 'vitest/config';
import type { XApiVersion } from './src/sandbox/x/spec';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The version of X's API the fake X speaks in this run (test helpers pass it to startFakeX). */
    xApiVersion: XApiVersion;
  }
}

const EXCLUDE = ['test/reliability/**', 'node_modules/**'];

// X serves two versions of its API (src/x/dialect.ts): the suites that talk to X run against both.
const X_SUITES = [
  'test/x/**/*.test.ts',
  'test/tracking/**/*.test.ts',
  'test/sources/**/*.test.ts',
  'test/desk/welcome-loop.test.ts',
  'test/desk/send-failures.test.ts',
  'test/desk/x-guidelines.test.ts',
  'test/conversation/thread.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['test/setup/database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'x-2.167', include: ['test/**/*.test.ts'], exclude: EXCLUDE, provide: { xApiVersion: '2.167' } } },
      { extends: true, test: { name: 'x-2.166', include: X_SUITES, exclude: EXCLUDE, provide: { xApiVersion: '2.166' } } },
    ],
  },
});
