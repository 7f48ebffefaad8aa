import { afterEach, describe, expect, it } from 'vitest';
import { followers } from '../../src/db/schema';
import { startTestDesk, type TestDesk } from '../helpers/desk';
import { sleep } from '../helpers/wait';

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

describe('the X Activity webhook source, on the running bot', () => {
  it('answers the CRC challenge with the consumer secret', async () => {
    desk = await startTestDesk();
    const response = await fetch(`${desk.baseUrl}/x/webhook?crc_token=challenge123`);
    expect(response.status).toBe(200);
    const { crcResponseToken } = await import('../../src/x/sources/webhook');
    expect(await response.json()).toEqual({ response_token: crcResponseToken(desk.x.credentials.apiSecret, 'challenge123') });
  });

  it('turns a signed follow event into a card within a second, once even if X delivers it twice', async () => {
    desk = await startTestDesk();
    const { follower, payload } = desk.x.follow({ name: 'Maëlle', bio: 'Céramique et design.' });
    const started = Date.now();
    const first = await desk.x.deliverWebhook(`${desk.baseUrl}/x/webhook`, payload);
    expect(first.status).toBe(200);
    const [card] = await desk.waitForCards(1, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(JSON.stringify(card!.blocks)).toContain(follower.handle);
    await desk.x.deliverWebhook(`${desk.baseUrl}/x/webhook`, payload);
    await sleep(300);
    expect(desk.cards()).toHaveLength(1);
  });

  it('refuses an unsigned or wrongly signed delivery with 401 and stores nothing', async () => {
    desk = await startTestDesk();
    const { payload } = desk.x.follow({ name: 'Intrus' });
    const body = JSON.stringify(payload);
    const unsigned = await fetch(`${desk.baseUrl}/x/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const forged = await fetch(`${desk.baseUrl}/x/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': 'sha256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
      body,
    });
    expect([unsigned.status, forged.status]).toEqual([401, 401]);
    await sleep(200);
    const rows = await desk.bot.desk.db.select().from(followers);
    expect(rows.filter((row) => row.source === 'webhook')).toEqual([]);
    expect(desk.cards()).toHaveLength(0);
  });
});
