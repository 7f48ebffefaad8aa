// Vitest global setup: one migrated PGlite database (with pg-boss's schema) dumped to a file, so each
// test's fresh in-memory database starts from it in half a second instead of running initdb (~3 s).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder, openDatabase } from '../../src/db/client';
import { ensureCluster, templateDir } from '../../src/db/embedded-cluster';
import { createBoss } from '../../src/jobs/boss';

export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const path = join(migrationsFolder, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path));
  }
  hash.update(JSON.parse(readFileSync('node_modules/pg-boss/package.json', 'utf8')).version);
  const path = join(tmpdir(), `accueil-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (!existsSync(path)) {
    // From the build's migrated cluster when there is one (npm install builds it), else initdb in memory.
    const built = existsSync(join(templateDir(), 'PG_VERSION')) ? `${path}.dir` : null;
    if (built) await ensureCluster(built);
    const database = await openDatabase({ dataDir: built ?? 'memory://' });
    await database.migrate();
    const boss = createBoss(database);
    await boss.start();
    await boss.stop({ graceful: false, wait: true });
    const dump = await database.dump!();
    writeFileSync(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    const { renameSync } = await import('node:fs');
    renameSync(`${path}.tmp`, path);
    if (built) (await import('node:fs')).rmSync(built, { recursive: true, force: true });
  }
  process.env.ACCUEIL_TEST_PGLITE_TEMPLATE = path;
}
