import { expect } from 'vitest';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { ACTIONS } from '../../src/bot/ids';
import type { FakeMessage } from '../../src/sandbox/slack';
import { DESK_CHANNEL, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome } from '../helpers/wait';

export const text = (message: { blocks: unknown[] }) => renderBlocksAsText(message.blocks as never);

/** A new follower, carded (their bio names a topic, so a welcome is advised). */
export async function carded(test: TestDesk, name: string) {
  const before = test.cards().length;
  const follower = test.x.addFollower({ name, bio: 'Designer, amoureuse de la céramique.' });
  await test.poll();
  const card = (await test.waitForCards(before + 1)).at(-1)!;
  return { follower, card, welcomeId: welcomeIdOf(card) };
}

/** A new follower, carded and welcomed on `channel` by a teammate. */
export async function welcomed(test: TestDesk, channel: 'dm' | 'mention', name: string) {
  const { follower, card, welcomeId } = await carded(test, name);
  await test.click(card, channel === 'dm' ? ACTIONS.sendDm : ACTIONS.postMention, { userId: 'U0MARIE01' });
  const row = await waitForWelcome(test.bot.desk.db, welcomeId, ['sent', 'failed']);
  expect(row.status).toBe('sent');
  return { follower, card, welcomeId };
}

/** The messages in a card's thread, oldest first. */
export function thread(test: TestDesk, card: FakeMessage): FakeMessage[] {
  return test.slack.messagesIn(DESK_CHANNEL).filter((message) => message.threadTs === card.ts);
}

/** The card as it is now in the channel. */
export function cardNow(test: TestDesk, card: FakeMessage): FakeMessage {
  return test.slack.message(card.channel, card.ts)!;
}

/** Waits until the card's thread holds `n` messages. */
export function waitForThread(test: TestDesk, card: FakeMessage, n: number, timeoutMs = 10_000): Promise<FakeMessage[]> {
  return test.slack.waitFor(() => {
    const messages = thread(test, card);
    return messages.length >= n ? messages : null;
  }, timeoutMs);
}

export const webhookUrl = (test: TestDesk) => `${test.baseUrl}/x/webhook`;
