// The embedded database's first start: a cluster copied from the build's template, moved in whole,
// and a start killed half-way (a staging copy left beside the data directory, or a data directory
// holding part of a cluster without PG_VERSION) ends in a whole cluster on the next start.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { ensureCluster, templateDir } from '../../src/db/embedded-cluster';

let root: string;
let template: string;
const quiet = () => {};
// The template here is no real cluster: no password can be set in it (test/db/embedded-auth.test.ts sets real ones).
const noPassword = async () => {};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'accueil-cluster-'));
  template = join(root, 'template');
  mkdirSync(join(template, 'base', '1'), { recursive: true });
  writeFileSync(join(template, 'base', '1', '1259'), 'pages');
  writeFileSync(join(template, 'postgresql.conf'), '# conf');
  writeFileSync(join(template, 'PG_VERSION'), '17\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ensureCluster', () => {
  it('copies the template into a missing data directory and leaves nothing beside it', async () => {
    const dataDir = join(root, 'data');
    expect(await ensureCluster(dataDir, quiet, template, noPassword)).toBe('template');
    expect(readFileSync(join(dataDir, 'base', '1', '1259'), 'utf8')).toBe('pages');
    expect(readdirSync(root).sort()).toEqual(['data', 'template']);
  });

  it('leaves an existing cluster alone', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    writeFileSync(join(dataDir, 'postgresql.conf'), '# ours');
    expect(await ensureCluster(dataDir, quiet, template, noPassword)).toBe('existing');
    expect(readFileSync(join(dataDir, 'postgresql.conf'), 'utf8')).toBe('# ours');
  });

  it('recovers from a first start killed half-way', async () => {
    const dataDir = join(root, 'data');
    // What a kill -9 can leave: a staging copy, and a data directory with part of a cluster but no PG_VERSION.
    mkdirSync(join(root, 'data.creating-4242', 'base'), { recursive: true });
    mkdirSync(join(dataDir, 'base', '1'), { recursive: true });
    writeFileSync(join(dataDir, 'base', '1', '1259'), 'torn');
    writeFileSync(join(dataDir, 'notes.txt'), 'not ours');
    expect(await ensureCluster(dataDir, quiet, template, noPassword)).toBe('template');
    expect(readFileSync(join(dataDir, 'base', '1', '1259'), 'utf8')).toBe('pages');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(readFileSync(join(dataDir, 'notes.txt'), 'utf8')).toBe('not ours');
    expect(readdirSync(root).sort()).toEqual(['data', 'template']);
  });
});

describe.skipIf(!existsSync(join(templateDir(), 'PG_VERSION')))('the template built into dist/', () => {
  it('opens as a migrated database with pg-boss already in it', async () => {
    const dataDir = join(root, 'data');
    // Run as root, the server runs as the postgres user, who must be able to enter the directories above DATA_DIR.
    chmodSync(root, 0o755);
    const database = await openDatabase({ dataDir });
    try {
      expect(database.embedded?.how).toBe('started');
      await database.migrate();
      const { rows } = await database.executeSql("select count(*)::int as n from information_schema.tables where table_schema in ('public', 'pgboss')");
      expect(Number(rows[0]?.n)).toBeGreaterThan(10);
    } finally {
      await database.close();
    }
  }, 60_000);
});
