import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAccount } from '../../src/db/accounts';
import type { Database } from '../../src/db/client';
import { engagements, followerChecks, followers, templateEvents, templates, welcomes, xAccounts, type XAccountRow } from '../../src/db/schema';
import { allTemplateVersions, latestTemplates, liveTemplates, templateExperimentFigures, templateHistory } from '../../src/db/templates';
import {
  changeTemplate,
  checkTemplate,
  createCheckedTemplate,
  draftTemplatesFor,
  duplicateCheckedTemplate,
  editCheckedTemplate,
  seedBuiltInTemplates,
  setVoice,
} from '../../src/desk/templates';
import { WELCOME_TEMPLATES } from '../../src/rules/templates';
import { createTestDatabase } from '../helpers/db';

let database: Database;
let account: XAccountRow;
const SLACK = { by: 'U0MARIE01', source: 'slack' } as const;

beforeAll(async () => {
  database = await createTestDatabase();
  account = await upsertAccount(
    database.db,
    { xUserId: '900', handle: 'maison_lumen', name: 'Maison Lumen' },
    { kind: 'business', dmPolicy: 'engaged-only', sendMode: 'api', ownDomains: ['maison-lumen.fr'], topics: ['céramique'] },
    'C0DESK001',
  );
});
afterAll(async () => {
  await database?.close();
});

async function reload(): Promise<XAccountRow> {
  const [row] = await database.db.select().from(xAccounts).where(eq(xAccounts.id, account.id));
  return row!;
}

/** A welcome sent from this template version on this channel, with or without a reply and a 7-day unfollow. */
async function sentWelcome(n: number, opts: { key: string | null; version: number | null; channel: 'dm' | 'mention'; replied?: boolean; unfollowed?: boolean; model?: string }) {
  const at = new Date('2026-03-02T10:00:00Z');
  const [follower] = await database.db
    .insert(followers)
    .values({ accountId: account.id, xUserId: `f${n}`, handle: `f${n}`, source: 'poll' })
    .returning();
  const [welcome] = await database.db
    .insert(welcomes)
    .values({
      accountId: account.id,
      followerId: follower!.id,
      status: 'sent',
      channel: opts.channel,
      lang: 'fr',
      templateId: opts.key,
      templateVersion: opts.version,
      draftSource: opts.model ? 'model' : 'template',
      draftModel: opts.model ?? null,
      triage: {},
      draftText: 'Merci',
      slackChannelId: 'C0DESK001',
      decidedBy: 'U0MARIE01',
      sentAt: at,
    })
    .returning();
  if (opts.replied) await database.db.insert(engagements).values({ accountId: account.id, followerId: follower!.id, welcomeId: welcome!.id, kind: 'reply', via: 'dm', xId: `dm${n}`, at });
  if (opts.unfollowed !== undefined) {
    await database.db.insert(followerChecks).values({ accountId: account.id, followerId: follower!.id, cohort: 'welcomed', offsetDays: 7, anchorAt: at, dueAt: at, checkedAt: at, following: !opts.unfollowed, found: true });
  }
}

describe('templates in the database', () => {
  it('seeds the built-in set as live version 1 of the same keys, once', async () => {
    expect(await draftTemplatesFor(database.db, account.id, 'fr', 'dm')).toBe('built-in');
    expect(await seedBuiltInTemplates(database.db)).toBe(WELCOME_TEMPLATES.length);
    expect(await seedBuiltInTemplates(database.db)).toBe(0);
    expect(await seedBuiltInTemplates(database.db, account.id)).toBe(0);
    const rows = await latestTemplates(database.db, account.id);
    expect(rows.map((r) => r.key).sort()).toEqual(WELCOME_TEMPLATES.map((t) => t.id).sort());
    expect(rows.every((r) => r.version === 1 && r.state === 'live' && r.source === 'built-in' && r.createdBy === 'built-in')).toBe(true);
    const live = await draftTemplatesFor(database.db, account.id, 'fr', 'dm');
    expect(live).toEqual(WELCOME_TEMPLATES.filter((t) => t.lang === 'fr' && t.channel === 'dm').map((t) => ({ key: t.key, version: 1, body: t.body })));
    expect((await templateHistory(database.db, account.id)).filter((e) => e.type === 'seeded')).toHaveLength(WELCOME_TEMPLATES.length);
  });

  it('refuses a template with an unknown slot, an off-domain link in a DM or a sales pitch, each on its field', async () => {
    const unknown = await createCheckedTemplate(database.db, account, { key: 'fr-dm-4', lang: 'fr', channel: 'dm', body: 'Bonjour {prenom}, merci !' }, SLACK);
    expect(unknown).toMatchObject({ ok: false, problems: [{ field: 'body', level: 'error', code: 'unknown-slot', slot: 'prenom' }] });
    const offDomain = await createCheckedTemplate(database.db, account, { key: 'fr-dm-4', lang: 'fr', channel: 'dm', body: 'Merci {name} ! Lisez https://evil.example.com/x' }, SLACK);
    expect(offDomain.ok).toBe(false);
    expect(!offDomain.ok && offDomain.problems).toContainEqual({ field: 'body', level: 'error', code: 'link-off-domain', domain: 'evil.example.com' });
    const pitch = await createCheckedTemplate(database.db, account, { key: 'fr-dm-4', lang: 'fr', channel: 'dm', body: 'Merci {name} ! Profitez de -20 % avec le code BIENVENUE, achetez maintenant.' }, SLACK);
    expect(pitch.ok).toBe(false);
    expect(!pitch.ok && pitch.problems.filter((p) => p.code === 'audit-finding' && p.level === 'error').map((p) => p.code === 'audit-finding' && p.ruleId)).toContain('sales-pitch');
    const badKey = await createCheckedTemplate(database.db, account, { key: 'Mon Modèle', lang: 'fr', channel: 'dm', body: 'Merci {name}.' }, SLACK);
    expect(badKey).toMatchObject({ ok: false, problems: [{ field: 'key', code: 'bad-key' }] });
    const taken = await createCheckedTemplate(database.db, account, { key: 'fr-dm-1', lang: 'fr', channel: 'dm', body: 'Merci {name}.' }, SLACK);
    expect(taken).toMatchObject({ ok: false, problems: [{ field: 'key', code: 'key-taken' }] });
    expect(await templateHistory(database.db, account.id, 'fr-dm-4')).toEqual([]);
  });

  it('previews a good template for sample followers, shows warnings without blocking, and logs who created it', async () => {
    const checked = checkTemplate(account, { key: 'x', lang: 'fr', channel: 'dm', body: 'Bonjour {name}, merci de nous suivre. [[{Votre|Ta} bio parle {de topic}.]]\n[[{signoff}]]' });
    expect(checked.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(checked.previews.map((p) => p.sample)).toEqual(['with-topic', 'without-topic', 'long-name', 'no-first-name']);
    expect(checked.previews[0]!.text).toBe('Bonjour Camille, merci de nous suivre. Votre bio parle de céramique.\nL’équipe Maison Lumen');
    expect(checked.previews[1]!.text).toBe('Bonjour Lucie, merci de nous suivre.\nL’équipe Maison Lumen');
    expect(checked.previews[3]!.text).toBe('Bonjour @fleur_2024, merci de nous suivre.\nL’équipe Maison Lumen');
    // No thanks in it: a warning of the audit, shown but not blocking.
    const saved = await createCheckedTemplate(database.db, account, { key: 'fr-dm-4', lang: 'fr', channel: 'dm', body: 'Bonjour {name}, ravis de vous voir ici.' }, SLACK);
    expect(saved.ok).toBe(true);
    expect(saved.ok && saved.warnings.map((w) => w.code === 'audit-finding' && w.ruleId)).toContain('missing-thanks');
    expect(saved.ok && saved.template).toMatchObject({ key: 'fr-dm-4', version: 1, state: 'live', source: 'slack', createdBy: 'U0MARIE01' });
    expect((await templateHistory(database.db, account.id, 'fr-dm-4')).map((e) => [e.type, e.actor])).toEqual([['created', 'U0MARIE01']]);
  });

  it('makes an edit a new version, keeps the old one with its figures, and starts the new one at zero', async () => {
    await sentWelcome(1, { key: 'fr-dm-3', version: 1, channel: 'dm', replied: true, unfollowed: false });
    await sentWelcome(2, { key: 'fr-dm-3', version: 1, channel: 'dm', unfollowed: true });
    // Sent as a mention: the text was not fr-dm-3's, so it does not count for it.
    await sentWelcome(3, { key: 'fr-dm-3', version: 1, channel: 'mention', replied: true });
    await sentWelcome(4, { key: null, version: null, channel: 'dm', replied: true, model: 'llama3.1:8b' });

    const edited = await editCheckedTemplate(database.db, account, 'fr-dm-3', '{name}, merci pour {votre|ton} intérêt. [[{Vous trouverez|Tu trouveras} nos articles sur {link}]]\n[[{signoff}]]', SLACK);
    expect(edited.ok && edited.template).toMatchObject({ key: 'fr-dm-3', version: 2, state: 'live', createdBy: 'U0MARIE01' });
    const versions = await allTemplateVersions(database.db, account.id);
    expect(versions.filter((v) => v.key === 'fr-dm-3').map((v) => [v.version, v.state])).toEqual([[1, 'superseded'], [2, 'live']]);
    expect((await liveTemplates(database.db, account.id, 'fr', 'dm')).map((t) => `${t.key}@${t.version}`)).toEqual(['fr-dm-1@1', 'fr-dm-2@1', 'fr-dm-3@2', 'fr-dm-4@1']);

    const figures = await templateExperimentFigures(database.db, account.id, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') });
    const of = (key: string, version: number) => figures.find((f) => f.arm.kind === 'template' && f.arm.key === key && f.arm.version === version);
    expect(of('fr-dm-3', 1)).toMatchObject({ lang: 'fr', channel: 'dm', sends: 2, replies: { n: 2, k: 1 }, unfollows7: { n: 2, k: 1 }, arm: { state: 'superseded' } });
    expect(of('fr-dm-3', 2)).toMatchObject({ sends: 0, replies: { n: 0, k: 0 }, unfollows7: { n: 0, k: 0 }, arm: { state: 'live' } });
    expect(figures.find((f) => f.arm.kind === 'model')).toMatchObject({ arm: { kind: 'model', model: 'llama3.1:8b' }, channel: 'dm', sends: 1, replies: { n: 1, k: 1 } });

    // Nothing changed: no new version.
    const again = await editCheckedTemplate(database.db, account, 'fr-dm-3', edited.ok ? edited.template.body : '', SLACK);
    expect(again.ok && again.template.version).toBe(2);
    // A refused edit makes no version either.
    expect((await editCheckedTemplate(database.db, account, 'fr-dm-3', 'Merci {prenom}', SLACK)).ok).toBe(false);
    expect((await allTemplateVersions(database.db, account.id)).filter((v) => v.key === 'fr-dm-3')).toHaveLength(2);
  });

  it('gives two edits at once two versions, one after the other', async () => {
    const [a, b] = await Promise.all([
      editCheckedTemplate(database.db, account, 'en-dm-1', 'Hi {name}, thanks for following us. [[Our site: {link}]]', SLACK),
      editCheckedTemplate(database.db, account, 'en-dm-1', 'Hello {name}, thank you for the follow. [[Our site: {link}]]', { by: 'U0PAUL001', source: 'slack' }),
    ]);
    expect([a.ok && a.template.version, b.ok && b.template.version].sort()).toEqual([2, 3]);
    const versions = (await allTemplateVersions(database.db, account.id)).filter((v) => v.key === 'en-dm-1');
    expect(versions.map((v) => [v.version, v.state])).toEqual([[1, 'superseded'], [2, 'superseded'], [3, 'live']]);
  });

  it('duplicates paused, pauses, promotes to the only live one, and retires, each logged with who', async () => {
    const copy = await duplicateCheckedTemplate(database.db, account, 'fr-mention-1', SLACK);
    expect(copy.ok && copy.template).toMatchObject({ key: 'fr-mention-1-copy', version: 1, state: 'paused', lang: 'fr', channel: 'mention' });
    const promoted = await changeTemplate(database.db, account, 'fr-mention-1-copy', 'promote', { by: 'U0PAUL001', source: 'slack' });
    expect(promoted.paused.sort()).toEqual(['fr-mention-1', 'fr-mention-2', 'fr-mention-3']);
    expect((await liveTemplates(database.db, account.id, 'fr', 'mention')).map((t) => t.key)).toEqual(['fr-mention-1-copy']);
    await changeTemplate(database.db, account, 'fr-mention-1-copy', 'retire', { by: 'U0PAUL001', source: 'slack' });
    // None live for French mentions: no draft rather than the built-in ones.
    expect(await draftTemplatesFor(database.db, account.id, 'fr', 'mention')).toEqual([]);
    await changeTemplate(database.db, account, 'fr-mention-2', 'resume', { by: 'U0PAUL001', source: 'slack' });
    expect((await liveTemplates(database.db, account.id, 'fr', 'mention')).map((t) => t.key)).toEqual(['fr-mention-2']);
    const log = (await templateHistory(database.db, account.id, 'fr-mention-1-copy')).map((e) => [e.type, e.actor]).reverse();
    expect(log).toEqual([['duplicated', 'U0MARIE01'], ['promoted', 'U0PAUL001'], ['retired', 'U0PAUL001']]);
    const events = await database.db.select().from(templateEvents).where(eq(templateEvents.key, 'fr-mention-3'));
    expect(events.map((e) => e.type)).toEqual(['seeded', 'paused']);
  });

  it('keeps the voice: tu in every French draft and preview, and the team’s sign-off', async () => {
    const refused = await setVoice(database.db, account, { signOff: 'Suivez @ailleurs' });
    expect(refused).toEqual({ ok: false, problem: 'link-or-tag' });
    const saved = await setVoice(database.db, account, { address: 'tu', signOff: 'Marie, pour Maison Lumen' });
    expect(saved.ok).toBe(true);
    account = await reload();
    expect(account).toMatchObject({ voiceAddress: 'tu', signOff: 'Marie, pour Maison Lumen' });
    const checked = checkTemplate(account, { key: 'x', lang: 'fr', channel: 'dm', body: WELCOME_TEMPLATES[0]!.body });
    expect(checked.previews[0]!.text).toBe(
      'Bonjour Camille, merci de nous suivre, c’est un plaisir de te compter parmi nous. Vu dans ta bio\u00A0: céramique, c’est aussi notre terrain. Si cela peut te servir, tout ce que nous publions est ici\u00A0: https://maison-lumen.fr\nMarie, pour Maison Lumen',
    );
    await setVoice(database.db, account, { address: 'vous', signOff: null });
    account = await reload();
    expect(account).toMatchObject({ voiceAddress: 'vous', signOff: null });
  });

  it('keeps an account’s templates out of the way when it is deleted without history', async () => {
    const [other] = await database.db.insert(xAccounts).values({ xUserId: '901', handle: 'vide', slackChannelId: 'C0DESK002' }).returning();
    await seedBuiltInTemplates(database.db, other!.id);
    const { deleteAccount } = await import('../../src/db/accounts');
    await deleteAccount(database.db, other!.id);
    expect(await database.db.select().from(templates).where(eq(templates.accountId, other!.id))).toEqual([]);
  });
});
