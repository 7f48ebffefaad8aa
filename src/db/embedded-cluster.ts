// Creating the embedded database's cluster on a first start. PGlite's own initdb takes 3–16 s and
// grows its WebAssembly memory to ~700 MB; the build (`npm run build`, run by `npm install`) prepares
// one migrated cluster in dist/pglite-template, and a first start copies it (a fraction of a second).
// Without a build (tsx in development) initdb runs in a child process, so its memory peak leaves
// with it. Either way the cluster is made beside the data directory and moved in at the end, with
// PG_VERSION last: a start killed at any moment leaves either no cluster or a whole one.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root (where package.json and migrations/ are), from src/db/ in development or dist/ once built. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`accueil: cannot find its package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The migrated cluster the build prepares, copied in on a first start. */
export const templateDir = (): string => join(packageRoot(), 'dist', 'pglite-template');

const STAGING = '.creating-';

/** Makes sure `dataDir` holds a cluster; returns how it got one. Prints progress when it takes over a second. */
export async function ensureCluster(
  dataDir: string,
  progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  template = templateDir(),
): Promise<'existing' | 'template' | 'initdb'> {
  const target = resolve(dataDir);
  if (existsSync(join(target, 'PG_VERSION'))) return 'existing';
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Leftovers of a first start killed half-way: ours only, named after the data directory.
  for (const entry of readdirSync(parent)) if (entry.startsWith(`${basename(target)}${STAGING}`)) rmSync(join(parent, entry), { recursive: true, force: true });

  const started = Date.now();
  const slow = setTimeout(() => progress(`accueil: creating the embedded database in ${dataDir} (first start only)…`), 1000);
  const staging = `${target}${STAGING}${process.pid}`;
  try {
    const how = existsSync(join(template, 'PG_VERSION')) ? 'template' : 'initdb';
    if (how === 'template') cpSync(template, staging, { recursive: true });
    else await initdbInChild(staging);
    moveIn(staging, target);
    if (Date.now() - started >= 1000) progress(`accueil: embedded database ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return how;
  } finally {
    clearTimeout(slow);
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves a finished cluster into place: one rename when the data directory is absent or empty, else entry by entry, PG_VERSION last. */
function moveIn(staging: string, target: string): void {
  if (!existsSync(target) || readdirSync(target).length === 0) {
    try {
      renameSync(staging, target);
      return;
    } catch {
      // a mount point or another file system: move the entries instead
    }
  }
  mkdirSync(target, { recursive: true });
  const entries = readdirSync(staging).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
  for (const entry of entries) {
    rmSync(join(target, entry), { recursive: true, force: true });
    try {
      renameSync(join(staging, entry), join(target, entry));
    } catch {
      cpSync(join(staging, entry), join(target, entry), { recursive: true });
    }
  }
}

/** PGlite's initdb in a short-lived child process (see init-pglite.mjs). */
async function initdbInChild(dir: string): Promise<void> {
  const script = fileURLToPath(new URL('./init-pglite.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done, reject) => {
    child.once('error', reject);
    child.once('exit', done);
  });
  if (code !== 0) throw new Error(`could not create the embedded database in ${dir}: ${stderr.trim() || `exit ${code}`}`);
}
