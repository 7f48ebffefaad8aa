import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/bot/ids';
import { followers } from '../../../src/db/schema';
import { listWelcomeEvents } from '../../../src/db/welcomes';
import { DESK_CHANNEL, startTestDesk, welcomeIdOf, type TestDesk } from '../../helpers/desk';
import { sleep, waitForWelcome } from '../../helpers/wait';
import { readable, slash } from './helpers';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ existingFollowers: [{ name: 'Ancienne Abonnée', handle: 'ancienne' }] });
});
afterAll(async () => {
  await desk?.stop();
});

describe('/welcome @handle', () => {
  it('looks the person up on X and posts exactly one card, answering privately where it is', async () => {
    desk.x.addUser({ name: 'Camille Durand', handle: 'camille_d', bio: 'Céramiste à Lyon, passionnée de design.' });
    const sent = await slash(desk, '/welcome', '@camille_d', { userId: 'U0MARIE01' });
    expect(sent.http.status).toBe(200);
    const reply = await sent.reply();
    expect(reply.body.response_type).toBe('ephemeral');
    expect(readable(reply.body)).toBe(`Card posted in #${DESK_CHANNEL} for @camille_d (https://x.com/camille_d): it waits there for a teammate's decision.`);

    const [card, ...others] = await desk.waitForCards(1);
    expect(others).toEqual([]);
    expect(readable({ blocks: card!.blocks })).toContain('Camille Durand');
    // The handle as posted to Slack: a profile link labelled @camille_d, which copies with no invisible character and pings nobody.
    expect(JSON.stringify(card!.blocks)).toContain('*<https://x.com/camille_d|@camille_d>*');
    expect(JSON.stringify([card!.blocks, card!.text, reply.body])).not.toMatch(/\u200B/);
    const events = await listWelcomeEvents(desk.bot.desk.db, welcomeIdOf(card!));
    expect(events.find((event) => event.type === 'requested-manually')).toMatchObject({ actor: 'U0MARIE01', detail: { handle: 'camille_d' } });
    const [follower] = await desk.bot.desk.db.select().from(followers).where(eq(followers.handle, 'camille_d'));
    expect(follower!.source).toBe('manual');
  });

  it('posts no second card for the same person, and answers with their history instead', async () => {
    const sent = await slash(desk, '/welcome', 'https://x.com/Camille_D', { userId: 'U0PAUL001' });
    const text = readable((await sent.reply()).body);
    expect(text).toContain('No new card for @camille_d (https://x.com/camille_d): they already have their one welcome.');
    expect(text).toContain('Welcome: waiting for a decision');
    expect(text).toMatch(/A new welcome: no — one welcome per follower, ever: a card has been waiting for a decision since/);
    await sleep(300);
    expect(desk.cards()).toHaveLength(1);
  });

  it('shows a sent welcome in the history of `/audit-dm @handle`: what, by whom, when — and refuses a new one', async () => {
    const [card] = desk.cards();
    await desk.click(card!, ACTIONS.postMention, { userId: 'U0MARIE01' });
    const welcome = await waitForWelcome(desk.bot.desk.db, welcomeIdOf(card!), ['sent', 'failed']);
    expect(welcome.status).toBe('sent');

    const sent = await slash(desk, '/audit-dm', '@CAMILLE_D');
    const body = (await sent.reply()).body;
    const text = readable(body);
    expect(text).toContain('@camille_d (https://x.com/camille_d) (Camille Durand) and @');
    expect(text).toContain('First seen: ');
    expect(text).toContain('added by hand');
    expect(text).toContain('Wrote to you first: not that the desk knows');
    expect(text).toContain('Unfollowed: no');
    expect(text).toContain('Welcome: sent (public mention) by @U0MARIE01');
    expect(text).toContain('What was sent:');
    expect(text).toContain(welcome.finalText!);
    expect(text).toContain('View it on X');
    expect(text).toContain('A new welcome: no — one welcome per follower, ever: already sent, approved by @U0MARIE01 on');
    expect(JSON.stringify(body.blocks)).toContain('<@U0MARIE01>');

    const again = await slash(desk, '/welcome', '@camille_d');
    expect(readable((await again.reply()).body)).toContain('already sent, approved by @U0MARIE01');
    await sleep(300);
    expect(desk.cards()).toHaveLength(1);
    expect(desk.x.posts).toHaveLength(1);
  });

  it('posts one card when two teammates ask for the same person at the same moment', async () => {
    desk.x.addUser({ name: 'Inès', handle: 'ines_terre', bio: 'Artisanat et design.' });
    const before = desk.cards().length;
    const [first, second] = await Promise.all([
      slash(desk, '/welcome', '@ines_terre', { userId: 'U0MARIE01' }),
      slash(desk, '/welcome', '@ines_terre', { userId: 'U0PAUL001' }),
    ]);
    const answers = [readable((await first.reply()).body), readable((await second.reply()).body)];
    expect(answers.filter((text) => text.startsWith('Card posted'))).toHaveLength(1);
    // The other hears that the card exists or is being made, depending on who was quicker.
    expect(answers.filter((text) => text.startsWith('No new card for @ines_terre (https://x.com/ines_terre)'))).toHaveLength(1);
    await desk.waitForCards(before + 1);
    await sleep(300);
    expect(desk.cards()).toHaveLength(before + 1);
  });

  it('answers privately when X knows no such account, and posts nothing', async () => {
    const before = desk.cards().length;
    const sent = await slash(desk, '/welcome', '@nobody_at_all');
    expect(readable((await sent.reply()).body)).toBe('No X account @nobody_at_all (https://x.com/nobody_at_all) found.');
    expect(desk.cards()).toHaveLength(before);
  });

  it('says the account is suspended, not missing, when X has suspended it, and posts nothing', async () => {
    const suspended = desk.x.addUser({ name: 'Suspendu', handle: 'rita_gone' });
    desk.x.suspend(suspended.xUserId);
    const before = desk.cards().length;
    const sent = await slash(desk, '/welcome', '@rita_gone');
    expect(readable((await sent.reply()).body)).toBe('X has suspended @rita_gone (https://x.com/rita_gone), so no card was posted: a welcome could not reach them.');
    expect(desk.cards()).toHaveLength(before);
    expect(await desk.bot.desk.db.select().from(followers).where(eq(followers.handle, 'rita_gone'))).toEqual([]);
    // The fake answered as the version it speaks describes a suspended account's error.
    expect(desk.x.offSpecAnswers).toEqual([]);
  });

  it('says in plain words when X fails, and posts nothing', async () => {
    desk.x.addUser({ name: 'Hugo', handle: 'hugo_pots' });
    desk.x.failNext({ method: 'GET', path: '/2/users/by/username/:username' }, { status: 503 });
    const before = desk.cards().length;
    const sent = await slash(desk, '/welcome', '@hugo_pots');
    const text = readable((await sent.reply()).body);
    expect(text).toMatch(/^Could not look @hugo_pots \(https:\/\/x\.com\/hugo_pots\) up on X, so no card was posted\. X is having trouble \(HTTP 503\)/);
    expect(desk.cards()).toHaveLength(before);
  });

  it('explains how to name an account when the text is not one', async () => {
    const sent = await slash(desk, '/welcome', 'camille and hugo');
    expect(String((await sent.reply()).body.text)).toBe('Name one X account: `/welcome @handle` or `/welcome https://x.com/handle`.');
  });

  it('makes no card for someone the desk already knew (already following when it started)', async () => {
    const before = desk.cards().length;
    const sent = await slash(desk, '/welcome', '@ancienne');
    const text = readable((await sent.reply()).body);
    expect(text).toContain('No card for @ancienne (https://x.com/ancienne): the desk already knows them');
    expect(text).toContain('already following when the desk started');
    expect(text).toContain('A new welcome: yes — no welcome yet.');
    expect(desk.cards()).toHaveLength(before);
  });
});
