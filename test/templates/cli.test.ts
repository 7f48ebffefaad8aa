import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTemplatesCommand } from '../../src/cli/templates';
import { upsertAccount } from '../../src/db/accounts';
import type { Database } from '../../src/db/client';
import { allTemplateVersions, templateHistory } from '../../src/db/templates';
import { WELCOME_TEMPLATES } from '../../src/rules/templates';
import { createTestDatabase } from '../helpers/db';

let database: Database;
let dir: string;
let accountId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'accueil-templates-'));
  const account = await upsertAccount(
    database.db,
    { xUserId: '910', handle: 'atelier_gres', name: 'Atelier Grès' },
    { kind: 'business', dmPolicy: 'engaged-only', sendMode: 'api', ownDomains: ['atelier-gres.fr'], topics: ['grès'] },
    'C0DESK001',
  );
  accountId = account.id;
});
afterAll(async () => {
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function templates(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runTemplatesCommand(
    argv,
    { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } },
    { openDatabase: async () => ({ ...database, close: async () => {} }), now: () => new Date('2026-03-09T08:00:00Z') },
  );
  return { code, out, err };
}

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** Everything an import could change: every version of every template, and the log. */
const snapshot = async () => ({ versions: await allTemplateVersions(database.db, accountId), log: await templateHistory(database.db, accountId) });

describe('accueil templates', () => {
  it('explains its usage and exits 2 on a mistake', async () => {
    expect((await templates()).code).toBe(2);
    expect((await templates('rename')).err).toContain('Unknown subcommand "rename"');
    expect((await templates('import')).code).toBe(2);
    expect((await templates('voice', '--address', 'toi')).err).toContain('--address');
    expect((await templates('list', '--account', 'nobody')).code).toBe(1);
  });

  it('lists the starting set, seeded on first use, as a table and as JSON', async () => {
    const table = await templates('list');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/@atelier_gres\s+fr-dm-1\s+v1\s+fr\s+dm\s+live\s+built-in/);
    const json = await templates('list', '--json');
    const rows = JSON.parse(json.out) as { key: string; version: number; body: string }[];
    expect(rows.map((r) => r.key).sort()).toEqual(WELCOME_TEMPLATES.map((t) => t.id).sort());
    expect(rows.find((r) => r.key === 'en-dm-2')!.body).toBe(WELCOME_TEMPLATES.find((t) => t.id === 'en-dm-2')!.body);
  });

  it('round-trips: an export imported again changes nothing; an edited export makes new versions', async () => {
    const exported = await templates('export', '--account', 'atelier_gres');
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.out);
    expect(data).toMatchObject({ format: 'accueil-templates', version: 1, accounts: [{ account: 'atelier_gres', voice: { address: 'vous', signOff: null } }] });
    const before = await snapshot();
    const same = await templates('import', await file('same.json', exported.out));
    expect(same).toMatchObject({ code: 0, err: '' });
    expect(same.out).toContain('@atelier_gres: 0 template(s) changed, 12 unchanged.');
    expect(await snapshot()).toEqual(before);

    const items = data.accounts[0].templates as { key: string; body: string; state: string }[];
    items.find((t) => t.key === 'fr-dm-2')!.body = 'Merci de nous suivre, {name}, et bienvenue. [[{Votre|Ta} bio parle {de topic}.]]\n[[{signoff}]]';
    items.find((t) => t.key === 'en-mention-3')!.state = 'paused';
    items.push({ key: 'fr-dm-tu', lang: 'fr', channel: 'dm', state: 'live', body: 'Salut {name}, merci de nous suivre !' } as never);
    data.accounts[0].voice = { address: 'tu', signOff: 'Léa, pour Atelier Grès' };
    const changed = await templates('import', await file('changed.json', data));
    expect(changed.err).toBe('');
    expect(changed.code).toBe(0);
    expect(changed.out).toContain('fr-dm-2 v2: new-version');
    expect(changed.out).toContain('en-mention-3 v1: state-changed');
    expect(changed.out).toContain('fr-dm-tu v1: created');
    const versions = await allTemplateVersions(database.db, accountId);
    expect(versions.filter((v) => v.key === 'fr-dm-2').map((v) => [v.version, v.state, v.source, v.createdBy])).toEqual([
      [1, 'superseded', 'built-in', 'built-in'],
      [2, 'live', 'cli', 'cli'],
    ]);
    expect(versions.find((v) => v.key === 'en-mention-3')!.state).toBe('paused');
    const log = await templateHistory(database.db, accountId);
    expect(log.filter((e) => e.type === 'imported').map((e) => `${e.key}@${e.version}:${e.actor}`).sort()).toEqual(['en-mention-3@1:cli', 'fr-dm-2@2:cli', 'fr-dm-tu@1:cli']);

    // And back out: the export holds what was imported.
    const again = JSON.parse((await templates('export')).out);
    expect(again.accounts[0].voice).toEqual({ address: 'tu', signOff: 'Léa, pour Atelier Grès' });
    expect(again.accounts[0].templates.find((t: { key: string }) => t.key === 'fr-dm-2')).toMatchObject({ version: 2, body: items.find((t) => t.key === 'fr-dm-2')!.body });
  });

  it('changes nothing when one item is bad, and names every bad item', async () => {
    const data = JSON.parse((await templates('export')).out);
    const items = data.accounts[0].templates as Record<string, unknown>[];
    items.find((t) => t.key === 'fr-dm-1')!.body = 'Bonjour {name}, merci ! Tout est ici : https://autre-site.com';
    items.push({ key: 'fr-dm-9', lang: 'fr', channel: 'dm', state: 'live', body: 'Bonjour {prenom} !' });
    items.push({ key: 'en-dm-9', lang: 'de', channel: 'dm', body: 'Hallo' });
    items.push({ key: 'en-dm-10', lang: 'en', channel: 'dm', body: 'Thanks {name}, and welcome.', extra: true });
    const before = await snapshot();
    const bad = await templates('import', await file('bad.json', data));
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('4 problem(s)');
    expect(bad.err).toContain('nothing was imported');
    expect(bad.err).toMatch(/@atelier_gres, item \d+ \(fr-dm-1\), body: autre-site\.com is not one of the team’s domains/);
    expect(bad.err).toMatch(/item \d+ \(fr-dm-9\), body: \{prenom\} is not a slot/);
    expect(bad.err).toMatch(/item \d+ \(en-dm-9\), lang: /);
    expect(bad.err).toMatch(/item \d+ \(en-dm-10\): Unrecognized key/);
    expect(await snapshot()).toEqual(before);

    const notJson = await templates('import', await file('broken.json', '{ "format": '));
    expect(notJson).toMatchObject({ code: 1 });
    expect(notJson.err).toContain('is not JSON');
    const wrongAccount = await templates('import', await file('other.json', { format: 'accueil-templates', version: 1, accounts: [{ account: 'nobody', templates: [] }] }));
    expect(wrongAccount.err).toContain('@nobody: no such account on the desk');
    expect(await snapshot()).toEqual(before);
  });

  it('checks a file without importing it (--dry-run), and sets the voice', async () => {
    const before = await snapshot();
    const data = JSON.parse((await templates('export')).out);
    data.accounts[0].templates.push({ key: 'fr-dm-new', lang: 'fr', channel: 'dm', body: 'Bonjour {name}, ravis de vous voir.' });
    const dry = await templates('import', await file('dry.json', data), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('warning: @atelier_gres, item');
    expect(dry.out).toContain('nothing was imported (--dry-run)');
    expect(await snapshot()).toEqual(before);

    const voice = await templates('voice', '--address', 'vous', '--default-sign-off');
    expect(voice.out).toContain('@atelier_gres: French address vous; sign-off built-in (The {account} team)');
    expect((await templates('voice', '--sign-off', 'Voir https://spam.com')).code).toBe(1);
  });
});
