import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCommand } from '../../src/cli/digest';
import { openDatabase } from '../../src/db/client';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db';
import { DIGEST_END, seedDigestHistory } from './seed';

let dir: string;
let location: TestDatabaseLocation;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accueil-digest-'));
  location = await createTestDatabaseLocation();
  // The command opens the database itself, through the URL.
  env = { DATABASE_URL: location.databaseUrl };
  const database = await openDatabase({ databaseUrl: location.databaseUrl });
  await database.migrate();
  await seedDigestHistory(database.db);
  await database.close();
});
afterAll(async () => {
  await location.drop();
  await rm(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env, now: () => DIGEST_END },
  };
}

describe('accueil digest --preview', () => {
  it('prints the digest in the terminal and writes the chart to a file', async () => {
    const run = io();
    const file = join(dir, 'chart.png');
    expect(await runDigestCommand(['--preview', '--out', file, '--lang', 'fr'], run.io)).toBe(0);
    const text = run.out.join('');
    expect(text).toContain('Bilan de la semaine · 2026-03-02 → 2026-03-09');
    expect(text).toContain('Nouveaux abonnés: 6');
    expect(text).toContain('Trop peu pour conclure');
    expect(text).toContain(`Chart written to ${file}`);
    const png = await readFile(file);
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.readUInt32BE(20)).toBe(400);
  });

  it('posts nothing and explains itself without --preview', async () => {
    const run = io();
    expect(await runDigestCommand([], run.io)).toBe(2);
    expect(run.err.join('')).toMatch(/--preview/);
  });

  it('says so when the account asked for is not there', async () => {
    const run = io();
    expect(await runDigestCommand(['--preview', '--account', '@nobody', '--out', join(dir, 'x.png')], run.io)).toBe(1);
    expect(run.err.join('')).toMatch(/No account @nobody/);
  });

  it('speaks the desk’s language: DESK_LANG=fr prints the French digest from the command line', async () => {
    const file = join(dir, 'chart-fr.png');
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/accueil.js', 'digest', '--preview', '--out', file], {
      env: { PATH: process.env.PATH, ...env, DESK_LANG: 'fr' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/Bilan de la semaine · \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}/);
    expect(stdout).toContain('Nouveaux abonnés');
    expect(stdout).toContain('Délai médian entre l’abonnement et la décision');
    expect(stdout).not.toContain('Weekly digest');
    expect(stdout).not.toContain('New followers');
    expect((await readFile(file)).readUInt32BE(16)).toBe(800);
  }, 180_000);
});
