import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigestBlocks } from '../../src/bot/blocks/digest';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import type { Database } from '../../src/db/client';
import { saveAccount } from '../../src/db/accounts';
import { markMessageHandled, recordIncomingMessage } from '../../src/db/conversations';
import { conversationWeek } from '../../src/db/conversation-reports';
import { digestFigures } from '../../src/db/digest-queries';
import { insertNewFollower } from '../../src/db/followers';
import { createWelcome } from '../../src/db/welcomes';
import { createTestDatabase } from '../helpers/db';

// The digest's conversation figures on real SQL (the embedded server, or Postgres with DATABASE_URL): a week of
// followers' messages whose answers are known.
const END = new Date('2026-03-09T09:00:00Z');
const FROM = new Date(END.getTime() - 7 * 86_400_000);
const HOUR = 3_600_000;
const before = (ms: number) => new Date(END.getTime() - ms);

const profile = (handle: string) => ({
  xUserId: `x-${handle}`, handle, name: handle, bio: '', location: null, url: null, createdAt: null, followersCount: 1, followingCount: 1, postsCount: 1,
  verified: false, protected: false, defaultAvatar: false, receivesYourDm: null, connectionStatus: [],
});

describe('the weekly digest counts the conversations of the week', () => {
  let database: Database;
  let accountId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const account = await saveAccount(database.db, { xUserId: '100', handle: 'shop', slackChannelId: 'C1' });
    const other = await saveAccount(database.db, { xUserId: '101', handle: 'other_shop', slackChannelId: 'C2' });
    accountId = account.id;
    let seq = 0;
    const conversationWith = async (forAccount: number, handle: string) => {
      const follower = (await insertNewFollower(database.db, forAccount, profile(handle), 'poll'))!;
      const welcome = (await createWelcome(database.db, { accountId: forAccount, followerId: follower.id, lang: 'en', templateId: null, triage: {}, draftText: 'Hi', slackChannelId: 'C1' }))!;
      return async (writtenAt: Date) =>
        (await recordIncomingMessage(database.db, { accountId: forAccount, followerId: follower.id, welcomeId: welcome.id, via: 'dm', xId: `dm-${++seq}`, text: 'Hello', writtenAt })).message;
    };
    const ana = await conversationWith(accountId, 'ana');
    const ben = await conversationWith(accountId, 'ben');
    const cleo = await conversationWith(accountId, 'cleo');
    const elsewhere = await conversationWith(other.id, 'dan');

    // Answered by a sent answer an hour later.
    const m1 = await ana(before(6 * 24 * HOUR));
    await database.executeSql(
      `insert into conversation_messages (account_id, follower_id, welcome_id, direction, via, x_id, answers_message_id, text, written_at, status, written_by)
       select account_id, follower_id, welcome_id, 'out', 'dm', 'dm-out-1', id, 'Thanks!', $1, 'sent', 'U_ALICE' from conversation_messages where id = $2`,
      [new Date(before(6 * 24 * HOUR).getTime() + HOUR).toISOString(), m1.id],
    );
    // An answer still pending approval does not answer it.
    const m2 = await ben(before(5 * 24 * HOUR));
    await database.executeSql(
      `insert into conversation_messages (account_id, follower_id, welcome_id, direction, via, answers_message_id, text, status, written_by)
       select account_id, follower_id, welcome_id, 'out', 'dm', id, 'Draft', 'pending', 'U_BOB' from conversation_messages where id = $1`,
      [m2.id],
    );
    // …but a teammate marked it answered three hours later.
    await markMessageHandled(database.db, m2.id, 'answered', 'U_BOB', new Date(before(5 * 24 * HOUR).getTime() + 3 * HOUR));
    // No answer needed: neither answered nor waiting.
    const m3 = await cleo(before(4 * 24 * HOUR));
    await markMessageHandled(database.db, m3.id, 'no-answer-needed', 'U_BOB', before(4 * 24 * HOUR - HOUR));
    // Waiting.
    await cleo(before(2 * 24 * HOUR));
    // Written the week before, answered during this one, a week later.
    const m5 = await ana(before(10 * 24 * HOUR));
    await markMessageHandled(database.db, m5.id, 'answered', 'U_ALICE', before(3 * 24 * HOUR));
    // Written an hour before the end, answered after it: waiting when the week closed.
    const m6 = await ben(before(HOUR));
    await markMessageHandled(database.db, m6.id, 'answered', 'U_ALICE', new Date(END.getTime() + HOUR));
    // Another account's message.
    await elsewhere(before(24 * HOUR));
  });
  afterAll(() => database?.close());

  it('says how many came in, how many were answered, the median time to answer and how many still wait', async () => {
    expect(await conversationWeek(database.db, accountId, { from: FROM, to: END })).toEqual({
      received: 5,
      answered: 3,
      // 1 hour, 3 hours and 7 days: the median is 3 hours.
      medianAnswerSeconds: 3 * 3600,
      waiting: 2,
    });
  });

  it('has nothing to say about a week without messages', async () => {
    const long = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-08T00:00:00Z') };
    expect(await conversationWeek(database.db, accountId, long)).toEqual({ received: 0, answered: 0, medianAnswerSeconds: null, waiting: 0 });
  });

  it('shows them in the digest, in both languages', async () => {
    const figures = await digestFigures(database.db, { id: accountId, xUserId: '100' }, { from: FROM, to: END });
    expect(figures.conversations).toMatchObject({ received: 5, answered: 3, waiting: 2 });
    const en = renderBlocksAsText(buildDigestBlocks(figures, 'en').blocks);
    expect(en).toContain('Conversations');
    expect(en).toMatch(/Received:\s+5/);
    expect(en).toMatch(/Answered:\s+3/);
    expect(en).toMatch(/Median time to answer:\s+3 h 00/);
    expect(en).toMatch(/Still waiting:\s+2/);
    const fr = renderBlocksAsText(buildDigestBlocks(figures, 'fr').blocks);
    expect(fr).toMatch(/Reçus\s?:\s+5/);
    expect(fr).toMatch(/En attente\s?:\s+2/);
  });
});
