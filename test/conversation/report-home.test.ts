import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardLink, threadLink } from '../../src/bot/blocks/home';
import { markMessageHandled, markMessagePosted, recordIncomingMessage } from '../../src/db/conversations';
import { welcomes } from '../../src/db/schema';
import { viewErrors } from '../../src/sandbox/slack';
import { DEFAULTS, eventEnvelope, postEvent } from '../../src/sandbox/slack-request';
import { DESK_CHANNEL, SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';

// App Home lists the conversations waiting for an answer, oldest first, each linked to its card's
// thread: through a signed app_home_opened event and the real bot, on the embedded server or Postgres.
const MARIE = DEFAULTS.userId;

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ slack: { channelMembers: ['U0BOT0001', MARIE] } });
});
afterAll(async () => {
  await desk?.stop();
});

const openHome = (userId: string) =>
  postEvent(desk.eventsUrl, SIGNING_SECRET, eventEnvelope({ type: 'app_home_opened', user: userId, channel: 'D0HOME0001', tab: 'home', event_ts: `${Date.now() / 1000}` }));
const lastHome = (userId: string) => desk.slack.publishedViews.filter((p) => p.userId === userId).at(-1)?.view;
/** The Home tab's section on waiting conversations (the queue of cards above it names the same followers). */
const waitingSection = (view: unknown): string =>
  ((view as { blocks: Array<{ text?: { text: string } }> }).blocks.find((block) => block.text?.text.includes('Conversations waiting'))?.text?.text ?? '');

describe('App Home, conversations waiting for an answer', () => {
  it('lists them oldest first with a link into each thread, and leaves out the answered and the closed', async () => {
    for (const handle of ['late_writer', 'early_writer', 'answered_one', 'closed_one']) {
      desk.x.addFollower({ handle, name: handle.replace('_', ' ') });
      await desk.poll();
    }
    const cards = await desk.waitForCards(4);
    const db = desk.bot.desk.db;
    let seq = 0;
    const write = async (index: number, writtenAt: string, posted = true) => {
      const welcomeId = welcomeIdOf(cards[index]!);
      const [welcome] = await db.select().from(welcomes).where(eq(welcomes.id, welcomeId));
      const { message } = await recordIncomingMessage(db, {
        accountId: welcome!.accountId, followerId: welcome!.followerId, welcomeId, via: 'dm', xId: `dm-home-${++seq}`, text: '<!channel> hi', writtenAt: new Date(writtenAt),
      });
      const ts = `${Math.floor(Date.parse(writtenAt) / 1000)}.00000${seq}`;
      if (posted) await markMessagePosted(db, message.id, ts);
      return { message, ts };
    };
    const late = await write(0, '2026-03-05T10:00:00Z');
    await write(0, '2026-03-05T11:00:00Z');
    const early = await write(1, '2026-03-04T09:00:00Z');
    const answered = await write(2, '2026-03-03T09:00:00Z');
    await markMessageHandled(db, answered.message.id, 'answered', MARIE, new Date('2026-03-03T10:00:00Z'));
    const closed = await write(3, '2026-03-02T09:00:00Z');
    await markMessageHandled(db, closed.message.id, 'no-answer-needed', MARIE, new Date('2026-03-02T10:00:00Z'));

    expect((await openHome(MARIE)).status).toBe(200);
    const view = await desk.slack.waitFor(() => lastHome(MARIE));
    expect(viewErrors(view, 'home')).toEqual([]);
    // Their words never reach the Home tab, so nothing of theirs can ping.
    expect(JSON.stringify(view)).not.toContain('<!channel>');
    const text = waitingSection(view);
    expect(text).toContain('Conversations waiting for an answer* (2), oldest first');
    const earlyLink = `<${threadLink(DESK_CHANNEL, early.ts, cards[1]!.ts)}|@early_writer>`;
    const lateLink = `<${threadLink(DESK_CHANNEL, late.ts, cards[0]!.ts)}|@late_writer>`;
    expect(threadLink(DESK_CHANNEL, early.ts, cards[1]!.ts)).toBe(
      `https://slack.com/archives/${DESK_CHANNEL}/p${early.ts.replace('.', '')}?thread_ts=${cards[1]!.ts}&cid=${DESK_CHANNEL}`,
    );
    expect(text).toContain(earlyLink);
    expect(text).toContain(lateLink);
    expect(text.indexOf(earlyLink)).toBeLessThan(text.indexOf(lateLink));
    expect(text).toContain('2 messages waiting since');
    expect(text).toContain('1 message waiting since');
    expect(text).not.toMatch(/answered_one>|closed_one>/);
  });

  it('links to the card when their message is not in the thread yet', async () => {
    desk.x.addFollower({ handle: 'not_posted_yet', name: 'Not posted' });
    await desk.poll();
    const [card] = (await desk.waitForCards(5)).slice(-1);
    const welcomeId = welcomeIdOf(card!);
    const [welcome] = await desk.bot.desk.db.select().from(welcomes).where(eq(welcomes.id, welcomeId));
    await recordIncomingMessage(desk.bot.desk.db, {
      accountId: welcome!.accountId, followerId: welcome!.followerId, welcomeId, via: 'mention', xId: 'post-unposted', text: 'hey', writtenAt: new Date('2026-03-06T09:00:00Z'),
    });
    const before = desk.slack.publishedViews.length;
    await openHome(MARIE);
    await desk.slack.waitFor(() => (desk.slack.publishedViews.length > before ? true : undefined));
    const text = waitingSection(lastHome(MARIE));
    expect(text).toContain('Conversations waiting for an answer* (3)');
    expect(text).toContain(`<${cardLink(DESK_CHANNEL, card!.ts)}|@not_posted_yet>`);
  });
});
