import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { slackEventsSeen } from '../../src/db/schema';
import { firstSighting, forgetOldSlackEvents } from '../../src/db/slack-events';
import { createTestDatabase } from '../helpers/db';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('Slack event ids already handled', () => {
  it('recognise a redelivery, and are forgotten once Slack can no longer retry', async () => {
    expect(await firstSighting(database.db, 'Ev0OLD')).toBe(true);
    expect(await firstSighting(database.db, 'Ev0OLD')).toBe(false);
    await database.db.update(slackEventsSeen).set({ seenAt: new Date(Date.now() - 8 * 86_400_000) });
    expect(await firstSighting(database.db, 'Ev0NEW')).toBe(true);

    await forgetOldSlackEvents(database.db, new Date(Date.now() - 7 * 86_400_000));
    const kept = await database.db.select({ id: slackEventsSeen.eventId }).from(slackEventsSeen);
    expect(kept.map((row) => row.id)).toEqual(['Ev0NEW']);
  });
});
