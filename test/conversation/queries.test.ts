import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { saveAccount } from '../../src/db/accounts';
import {
  DM_EVENTS_LIMIT,
  conversationState,
  listWelcomeMessages,
  markDoNotContact,
  markMessageHandled,
  markMessagePosted,
  recordIncomingMessage,
  takeDmEventsRequest,
} from '../../src/db/conversations';
import { insertNewFollower } from '../../src/db/followers';
import { createWelcome } from '../../src/db/welcomes';
import { createTestDatabase } from '../helpers/db';

// The conversation queries on real SQL: a message is stored once, the card's state is what the rows say.
describe('conversation queries', () => {
  let database: Database;
  let accountId: number;
  let followerId: number;
  let welcomeId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const account = await saveAccount(database.db, { xUserId: '100', handle: 'shop', slackChannelId: 'C1' });
    accountId = account.id;
    const follower = await insertNewFollower(
      database.db,
      accountId,
      { xUserId: '200', handle: 'ana', name: 'Ana', bio: '', location: null, url: null, createdAt: null, followersCount: 1, followingCount: 1, postsCount: 1, verified: false, protected: false, defaultAvatar: false, receivesYourDm: null, connectionStatus: [] },
      'poll',
    );
    followerId = follower!.id;
    const welcome = await createWelcome(database.db, { accountId, followerId, lang: 'en', templateId: null, triage: {}, draftText: 'Hi', slackChannelId: 'C1' });
    welcomeId = welcome!.id;
  });
  afterAll(() => database?.close());

  it('stores a message once per X id, and says so', async () => {
    const at = new Date('2026-03-02T14:02:00Z');
    const first = await recordIncomingMessage(database.db, { accountId, followerId, welcomeId, via: 'dm', xId: 'dm-1', text: 'Thanks!', writtenAt: at });
    const again = await recordIncomingMessage(database.db, { accountId, followerId, welcomeId, via: 'dm', xId: 'dm-1', text: 'Thanks!', writtenAt: at });
    expect(first.isNew).toBe(true);
    expect(again.isNew).toBe(false);
    expect(again.message.id).toBe(first.message.id);
    expect(await markMessagePosted(database.db, first.message.id, '1.1')).toBe(true);
    expect(await markMessagePosted(database.db, first.message.id, '1.2')).toBe(false);
    expect((await listWelcomeMessages(database.db, welcomeId)).map((m) => m.slackTs)).toEqual(['1.1']);
  });

  it('says how long a conversation waits, and who answered how long after', async () => {
    const second = await recordIncomingMessage(database.db, { accountId, followerId, welcomeId, via: 'reply', xId: 'post-9', inReplyToXId: 'post-1', text: 'Also…', writtenAt: new Date('2026-03-02T15:00:00Z') });
    let state = await conversationState(database.db, welcomeId);
    expect(state).toMatchObject({ received: 2, waitingSince: new Date('2026-03-02T14:02:00Z'), lastAnswer: null });
    const [first] = await listWelcomeMessages(database.db, welcomeId);
    expect(await markMessageHandled(database.db, first!.id, 'answered', 'U_ALICE', new Date('2026-03-02T14:14:00Z'))).toBe(true);
    expect(await markMessageHandled(database.db, first!.id, 'no-answer-needed', 'U_BOB', new Date('2026-03-02T14:15:00Z'))).toBe(false);
    expect(await markMessageHandled(database.db, second.message.id, 'no-answer-needed', 'U_BOB', new Date('2026-03-02T15:01:00Z'))).toBe(true);
    state = await conversationState(database.db, welcomeId);
    expect(state).toEqual({ received: 2, waitingSince: null, lastAnswer: { by: 'U_ALICE', at: new Date('2026-03-02T14:14:00Z'), secondsAfter: 720 }, noAnswerNeeded: 1 });
  });

  it('keeps the first do-not-contact reason', async () => {
    expect(await markDoNotContact(database.db, followerId, 'STOP', new Date())).toBe(true);
    expect(await markDoNotContact(database.db, followerId, 'x-opt-out', new Date())).toBe(false);
  });

  it('allows 15 reads of the DM events per 15 minutes, and says when the next one may go', async () => {
    const start = new Date('2026-03-02T10:00:00Z');
    for (let k = 0; k < DM_EVENTS_LIMIT.max; k++) expect(await takeDmEventsRequest(database.db, accountId, new Date(start.getTime() + k * 1000))).toEqual({ ok: true });
    const refused = await takeDmEventsRequest(database.db, accountId, new Date(start.getTime() + 60_000));
    expect(refused).toEqual({ ok: false, until: new Date(start.getTime() + DM_EVENTS_LIMIT.windowMs + 1000) });
    expect(await takeDmEventsRequest(database.db, accountId, new Date(start.getTime() + DM_EVENTS_LIMIT.windowMs + 1000))).toEqual({ ok: true });
  });
});
