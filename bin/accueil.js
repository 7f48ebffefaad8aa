#!/usr/bin/env -S node --max-semi-space-size=1
// The CLI, compiled to dist/ by `npm run build` (which `npm install` runs). In development, run the
// TypeScript directly instead: `npx tsx src/cli.ts start`.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('accueil: dist/ is missing — run `npm run build` (or `npm install`, which builds it) first.\n');
  process.exit(1);
}
await import(built.href);
