// Issue 13: the experiment in App Home — sends, reply rate and 7-day unfollow rate per template
// version with 95 % intervals and a plain verdict; an edit makes a new version whose figures start
// at zero while the old one keeps its own; pause and promote, by a member, logged with who.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_EDITOR } from '../../src/bot/blocks/template-editor';
import { followers, templateEvents, templates, welcomes, xAccounts } from '../../src/db/schema';
import { allTemplateVersions } from '../../src/db/templates';
import { buildHomeView } from '../../src/bot/blocks/home';
import { viewErrors } from '../../src/sandbox/slack';
import { DEFAULTS } from '../../src/sandbox/slack-request';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { waitUntil } from '../helpers/wait';
import { chooseInMenu, clickNewTemplate, homeCount, openHome, seedSends, submitEditor, waitForHome } from './home';

const MARIE = DEFAULTS.userId;
const OUTSIDER = 'U0OUTSIDE1';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ slack: { channelMembers: ['U0BOT0001', MARIE] } });
  await seedSends(desk, { key: 'fr-dm-1', version: 1, lang: 'fr', channel: 'dm' }, { sent: 12, replied: 3, checked7: 10, unfollowed7: 1 });
  await seedSends(desk, { key: 'fr-dm-2', version: 1, lang: 'fr', channel: 'dm' }, { sent: 40, replied: 24, checked7: 40, unfollowed7: 2 });
  await seedSends(desk, { key: 'fr-dm-3', version: 1, lang: 'fr', channel: 'dm' }, { sent: 40, replied: 2, checked7: 40, unfollowed7: 6 });
  await seedSends(desk, { model: 'llama3.1', lang: 'en', channel: 'dm' }, { sent: 5, replied: 1 });
});
afterAll(async () => {
  await desk?.stop();
});

/** What Slack would show: our escaping puts zero-width spaces around formatting marks. */
const shown = (view: unknown) => JSON.stringify(view).replaceAll('\u200B', '');
const row = async (key: string, version: number) =>
  (await desk.bot.desk.db.select().from(templates).where(and(eq(templates.accountId, desk.bot.accountId), eq(templates.key, key), eq(templates.version, version))))[0]!;
/** The lines of the Home tab's section about one template version. */
const lineOf = (home: string, label: string) => {
  const at = home.indexOf(`\`${label}\``);
  expect(at, `${label} in the Home tab`).toBeGreaterThan(-1);
  return home.slice(at, home.indexOf('"}', at));
};

describe('the experiment in App Home', () => {
  it('shows each version’s sends, reply and 7-day unfollow rates with 95 % intervals, and says when there are too few to conclude', async () => {
    const home = shown(await openHome(desk, MARIE));
    expect(lineOf(home, 'fr-dm-1 v1')).toContain('12 sent · replies *25%* (3/12, 95% CI 9%–53%) · unfollowed by day 7 *10%* (1/10, 95% CI 2%–40%)');
    expect(lineOf(home, 'fr-dm-2 v1')).toContain('40 sent · replies *60%* (24/40');
    expect(home).toContain('Too few to conclude — 12 of 30 needed.');
    // The model's drafts are their own arm, with their own verdict.
    expect(home).toContain('drafts by the language model llama3.1 — 5 sent · replies *20%* (1/5');
    expect(home).toContain('*English · DM*');
  });

  it('pauses a template from its menu for a member, logged with who: the verdict is then drawn on the live ones', async () => {
    const refused = desk.slack.openedViews.length;
    await chooseInMenu(desk, OUTSIDER, 'pause', (await row('fr-dm-1', 1)).id);
    const refusal = await desk.slack.waitFor(() => desk.slack.openedViews[refused]);
    expect(JSON.stringify(refusal.view)).toContain('Only members of');
    expect((await row('fr-dm-1', 1)).state).toBe('live');

    const before = homeCount(desk, MARIE);
    await chooseInMenu(desk, MARIE, 'pause', (await row('fr-dm-1', 1)).id);
    const home = shown(await waitForHome(desk, MARIE, before));
    expect((await row('fr-dm-1', 1)).state).toBe('paused');
    expect(lineOf(home, 'fr-dm-1 v1')).toContain('paused');
    expect(home).toContain('`fr-dm-2` leads on replies.');
    const events = await desk.bot.desk.db.select().from(templateEvents).where(eq(templateEvents.key, 'fr-dm-1'));
    expect(events.map((e) => [e.type, e.actor])).toContainEqual(['paused', MARIE]);
  });

  it('makes an edit a new version whose figures start at zero, while the old version keeps its own', async () => {
    const old = await row('fr-dm-2', 1);
    const opened = desk.slack.openedViews.length;
    await chooseInMenu(desk, MARIE, 'edit', old.id);
    const editor = await desk.slack.waitFor(() => desk.slack.openedViews[opened]);
    expect(editor.view.callback_id).toBe(TEMPLATE_EDITOR.callbackId);
    expect(shown(editor.view)).toContain('Saving makes version 2 of `fr-dm-2`');

    const before = homeCount(desk, MARIE);
    const res = await submitEditor(desk, editor, MARIE, { body: 'Merci de nous suivre, {name}, et bienvenue ! [[On parle souvent {de topic} ici.]]\n[[{signoff}]]' });
    expect(res.body).toBe('');
    const home = shown(await waitForHome(desk, MARIE, before));
    expect(await row('fr-dm-2', 2)).toMatchObject({ state: 'live', createdBy: MARIE, source: 'slack' });
    expect((await row('fr-dm-2', 1)).state).toBe('superseded');
    expect(lineOf(home, 'fr-dm-2 v2')).toContain('0 sent · replies no data yet · unfollowed by day 7 no data yet');
    expect(lineOf(home, 'fr-dm-2 v1')).toContain('older version — 40 sent · replies *60%* (24/40');
    // The new version has no figures yet: nothing can be concluded.
    expect(home).toContain('Too few to conclude — 0 of 30 needed.');
  });

  it('promotes a template from its menu: the only live one of its language and channel', async () => {
    const before = homeCount(desk, MARIE);
    await chooseInMenu(desk, MARIE, 'promote', (await row('fr-dm-3', 1)).id);
    const home = shown(await waitForHome(desk, MARIE, before));
    expect((await row('fr-dm-3', 1)).state).toBe('live');
    expect((await row('fr-dm-2', 2)).state).toBe('paused');
    expect((await row('fr-dm-1', 1)).state).toBe('paused');
    expect(home).toContain('One arm only: nothing to compare yet.');
    const events = await desk.bot.desk.db.select().from(templateEvents).where(and(eq(templateEvents.key, 'fr-dm-3'), eq(templateEvents.type, 'promoted')));
    expect(events.map((e) => e.actor)).toEqual([MARIE]);
  });

  it('changes which template the next card’s draft starts from: the promoted one, then the one made live again', async () => {
    const welcomeOf = async (handle: string) => {
      desk.x.addFollower({ handle, name: 'Camille Durand', bio: 'Céramiste à Lyon, passionnée de design et d’artisanat.' });
      await desk.poll();
      return waitUntil(async () => {
        const [found] = await desk.bot.desk.db
          .select({ templateId: welcomes.templateId, templateVersion: welcomes.templateVersion, lang: welcomes.lang, draft: welcomes.draftText })
          .from(welcomes)
          .innerJoin(followers, eq(followers.id, welcomes.followerId))
          .where(eq(followers.handle, handle));
        return found;
      }, 10_000, `the welcome of @${handle}`);
    };
    // Nobody wrote first: under engaged-only the card's draft is the public mention.
    let before = homeCount(desk, MARIE);
    await chooseInMenu(desk, MARIE, 'promote', (await row('fr-mention-2', 1)).id);
    await waitForHome(desk, MARIE, before);
    expect(await welcomeOf('camille_d1')).toMatchObject({ lang: 'fr', templateId: 'fr-mention-2', templateVersion: 1 });

    before = homeCount(desk, MARIE);
    await chooseInMenu(desk, MARIE, 'pause', (await row('fr-mention-2', 1)).id);
    await waitForHome(desk, MARIE, before);
    before = homeCount(desk, MARIE);
    await chooseInMenu(desk, MARIE, 'resume', (await row('fr-mention-3', 1)).id);
    await waitForHome(desk, MARIE, before);
    expect(await welcomeOf('camille_d2')).toMatchObject({ lang: 'fr', templateId: 'fr-mention-3', templateVersion: 1 });

    // A template a teammate wrote in App Home, promoted: the next card is drafted from it.
    const editor = await clickNewTemplate(desk, MARIE);
    before = homeCount(desk, MARIE);
    const body = 'Merci pour le follow, {name}, et bienvenue chez nous ! [[Vous aimez {topic} ? Nous aussi.]]';
    expect((await submitEditor(desk, editor, MARIE, { key: 'fr-mention-9', lang: 'fr', channel: 'mention', body })).body).toBe('');
    await waitForHome(desk, MARIE, before);
    before = homeCount(desk, MARIE);
    await chooseInMenu(desk, MARIE, 'promote', (await row('fr-mention-9', 1)).id);
    await waitForHome(desk, MARIE, before);
    const third = await welcomeOf('camille_d3');
    expect(third).toMatchObject({ templateId: 'fr-mention-9', templateVersion: 1 });
    expect(third.draft).toContain('@camille_d3 Merci pour le follow, Camille, et bienvenue chez nous');
  });
});

describe('duplicate and retire from the menu', () => {
  it('duplicates into a paused copy under a new id, with the text as the teammate left it', async () => {
    const base = await row('en-dm-1', 1);
    const opened = desk.slack.openedViews.length;
    await chooseInMenu(desk, MARIE, 'duplicate', base.id);
    const editor = await desk.slack.waitFor(() => desk.slack.openedViews[opened]);
    const text = shown(editor.view);
    expect(text).toContain('Duplicate template');
    // Language and channel come from the template copied; its text is there to change.
    expect(text).toContain('"initial_option":{"text":{"type":"plain_text","text":"English","emoji":true},"value":"en"}');
    expect(text).toContain(JSON.stringify(base.body).slice(1, -1));
    const before = homeCount(desk, MARIE);
    const body = `${base.body.split('\n')[0]} [[We read every reply.]]`;
    expect((await submitEditor(desk, editor, MARIE, { key: 'en-dm-1-short', lang: 'en', channel: 'dm', body })).body).toBe('');
    const home = shown(await waitForHome(desk, MARIE, before));
    const copies = await desk.bot.desk.db.select().from(templates).where(eq(templates.key, 'en-dm-1-short'));
    expect(copies.map((c) => [c.version, c.state, c.body === body])).toEqual([
      [1, 'superseded', false],
      [2, 'paused', true],
    ]);
    const events = await desk.bot.desk.db.select().from(templateEvents).where(eq(templateEvents.key, 'en-dm-1-short'));
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['duplicated', MARIE],
      ['edited', MARIE],
    ]);
    expect(lineOf(home, 'en-dm-1-short v2')).toContain('paused');
  });

  it('retires a template: kept in history, gone from the experiment', async () => {
    const before = homeCount(desk, MARIE);
    await chooseInMenu(desk, MARIE, 'retire', (await row('en-dm-1-short', 2)).id);
    const home = shown(await waitForHome(desk, MARIE, before));
    expect((await row('en-dm-1-short', 2)).state).toBe('retired');
    expect(home).not.toContain('en-dm-1-short');
  });

  it('refuses a menu choice on a version an edit has since replaced', async () => {
    const opened = desk.slack.openedViews.length;
    await chooseInMenu(desk, MARIE, 'pause', (await row('fr-dm-2', 1)).id);
    const refusal = await desk.slack.waitFor(() => desk.slack.openedViews[opened]);
    expect(shown(refusal.view)).toContain('This template changed or no longer exists');
    expect((await row('fr-dm-2', 1)).state).toBe('superseded');
  });
});

describe('the Home tab with many accounts and templates', () => {
  it('stays within Slack’s 100 blocks: templates shown while they fit, a pointer to the CLI after', async () => {
    const [account] = await desk.bot.desk.db.select().from(xAccounts).where(eq(xAccounts.id, desk.bot.accountId));
    const versions = await allTemplateVersions(desk.bot.desk.db, desk.bot.accountId);
    const figures = { newFollowers: 1, cards: 1, sentByDm: 0, sentByMention: 0, skipped: 0, pending: 0 };
    const entries = Array.from({ length: 12 }, (_, i) => ({
      account: { ...account!, id: i + 1, handle: `acct_${i}` },
      queue: { cards: [], total: 0 },
      figures,
      templates: { templates: versions, figures: [] },
    }));
    const view = buildHomeView(entries, 'en');
    expect(viewErrors(view, 'home')).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = shown(view);
    expect(text).toContain('Templates and experiment');
    expect(text).toContain('more templates: see `accueil templates list`');
  });
});
