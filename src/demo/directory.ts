// The demo's own data directory: an embedded database that only the demo writes, marked as such,
// so it is never mixed with a real one and can be reset without a second thought.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run demo` keeps its database unless told otherwise (`accueil demo --dir DIR`). */
export const DEFAULT_DEMO_DIR = './data/demo';

/** The file that marks a directory as the demo's: the demo resets only a directory that has it. */
export const DEMO_MARKER = 'ACCUEIL-DEMO';

export type DemoDirectory = { ok: true; dir: string; reset: boolean } | { ok: false; problem: string };

/**
 * Makes `dir` an empty demo directory: created when absent, emptied when it is the demo's (it holds
 * the marker), refused when it holds anything else — a real bot's data must never be overwritten —
 * and refused whenever DATABASE_URL is set, since that names a real database.
 */
export function prepareDemoDirectory(dir: string, opts: { databaseUrlSet: boolean }): DemoDirectory {
  if (opts.databaseUrlSet) {
    return {
      ok: false,
      problem:
        'DATABASE_URL is set: it names a real database, and the demo never runs near one. ' +
        'The demo keeps its own embedded database in its own directory; unset DATABASE_URL to run it (e.g. `env -u DATABASE_URL npm run demo`).',
    };
  }
  const target = resolve(dir);
  const exists = existsSync(target);
  const entries = exists ? readdirSync(target) : [];
  if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
    return {
      ok: false,
      problem: `${dir} is not a demo directory (no ${DEMO_MARKER} file in it) and is not empty: the demo will not touch it. Give the demo a directory of its own with --dir.`,
    };
  }
  if (exists) rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  writeFileSync(
    join(target, DEMO_MARKER),
    'This directory holds the embedded database of `accueil demo`: simulated followers, welcomes and X spend.\n' +
      'Each demo run empties it and starts again. Nothing here is real; do not point a real bot at it.\n',
  );
  return { ok: true, dir, reset: entries.length > 0 };
}
