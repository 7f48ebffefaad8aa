// What the answering tests share: a follower welcomed by DM, a message of theirs stored in the
// card's conversation, and the teammate's clicks and submissions as Slack sends them.
import { eq } from 'drizzle-orm';
import { ANSWER_MODAL, ACTIONS, CONVERSATION_ACTIONS } from '../../src/bot/ids';
import { recordIncomingMessage } from '../../src/db/conversations';
import { conversationMessages, type ConversationMessageRow } from '../../src/db/schema';
import type { FollowerProfile, MessageVia } from '../../src/domain';
import { blockActionsPayload, DEFAULTS, postInteraction, viewSubmissionPayload, type SlackHttpResponse } from '../../src/sandbox/slack-request';
import type { FakeView } from '../../src/sandbox/slack';
import { DESK_CHANNEL, SIGNING_SECRET, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome, waitUntil, welcomeRow } from '../helpers/wait';
import type { FakeMessage } from '../../src/sandbox/slack';

export interface Welcomed {
  welcomeId: number;
  card: FakeMessage;
  followerXId: string;
}

/** A follower who wrote a DM first, welcomed by DM: the card is in the desk channel, its welcome sent. */
export async function welcomedByDm(desk: TestDesk, profile: Partial<FollowerProfile>): Promise<Welcomed> {
  const before = desk.cards().length;
  const follower = desk.x.addFollower(profile);
  desk.x.writeDm(follower.xUserId, 'Bonjour ! J’adore vos ateliers.');
  await desk.poll();
  const card = (await desk.waitForCards(before + 1)).at(-1)!;
  const welcomeId = welcomeIdOf(card);
  await desk.click(desk.cardOf(welcomeId)!, ACTIONS.sendDm);
  await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent']);
  return { welcomeId, card: desk.cardOf(welcomeId) ?? card, followerXId: follower.xUserId };
}

/** One of their messages, stored in the card's conversation as the incoming side stores it. */
export async function theyWrote(desk: TestDesk, welcomeId: number, message: { via: MessageVia; xId: string; text: string; writtenAt?: Date; inReplyTo?: string }): Promise<ConversationMessageRow> {
  const welcome = await welcomeRow(desk.bot.desk.db, welcomeId);
  const { message: row } = await recordIncomingMessage(desk.bot.desk.db, {
    accountId: welcome.accountId,
    followerId: welcome.followerId,
    welcomeId,
    via: message.via,
    xId: message.xId,
    inReplyToXId: message.inReplyTo ?? null,
    text: message.text,
    writtenAt: message.writtenAt ?? new Date(),
  });
  // Posted in the card's thread, with its Reply… and No answer needed.
  await desk.bot.desk.threads.post(row.id);
  return (await messageRow(desk, row.id));
}

/** A teammate clicks a button of the conversation in the card's thread. */
export function clickInThread(desk: TestDesk, card: FakeMessage, actionId: string, value: string, opts: { userId?: string; triggerId?: string } = {}): Promise<SlackHttpResponse> {
  const userId = opts.userId ?? DEFAULTS.userId;
  return postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    blockActionsPayload({
      actionId,
      value,
      userId,
      channelId: DESK_CHANNEL,
      messageTs: card.ts,
      blockId: 'conversation_message',
      triggerId: opts.triggerId,
      responseUrl: desk.slack.responseUrl({ channel: DESK_CHANNEL, messageTs: card.ts, userId }),
    }),
  );
}

/** Reply… on one of their messages: the modal Slack opened for it. */
export async function openReply(desk: TestDesk, card: FakeMessage, messageId: number, userId?: string): Promise<FakeView> {
  const triggerId = desk.slack.triggerId();
  const clicked = await clickInThread(desk, card, CONVERSATION_ACTIONS.reply, `m:${messageId}`, { triggerId, ...(userId ? { userId } : {}) });
  if (clicked.status !== 200) throw new Error(`Reply… answered ${clicked.status}`);
  return desk.slack.waitFor(() => desk.slack.openedViews.find((view) => view.triggerId === triggerId));
}

/** The teammate submits the Reply… modal with this text (and this way, when the modal offers a choice). */
export function submitAnswer(desk: TestDesk, view: Record<string, unknown>, text: string, opts: { via?: 'dm' | 'reply'; userId?: string } = {}): Promise<SlackHttpResponse> {
  return postInteraction(
    desk.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: ANSWER_MODAL.callbackId,
      privateMetadata: String(view.private_metadata),
      userId: opts.userId,
      values: {
        [ANSWER_MODAL.textBlockId]: { [ANSWER_MODAL.textActionId]: text },
        ...(opts.via ? { [ANSWER_MODAL.wayBlockId]: { [ANSWER_MODAL.wayActionId]: { type: 'radio_buttons', selected_option: { value: opts.via } } } } : {}),
      },
    }),
  );
}

/** The team's answers to one message, as stored. */
export async function answersTo(desk: TestDesk, messageId: number): Promise<ConversationMessageRow[]> {
  const rows = await desk.bot.desk.db.select().from(conversationMessages).where(eq(conversationMessages.answersMessageId, messageId));
  return rows;
}

export async function messageRow(desk: TestDesk, id: number): Promise<ConversationMessageRow> {
  const [row] = await desk.bot.desk.db.select().from(conversationMessages).where(eq(conversationMessages.id, id));
  if (!row) throw new Error(`no message ${id}`);
  return row;
}

/** Waits until the message's one answer reaches one of these states. */
export function waitForAnswer(desk: TestDesk, messageId: number, statuses: string[], timeoutMs = 15_000): Promise<ConversationMessageRow> {
  return waitUntil(async () => {
    const rows = await answersTo(desk, messageId);
    return rows.find((row) => statuses.includes(row.status ?? '')) ?? null;
  }, timeoutMs, `an answer to message ${messageId} to be ${statuses.join(' or ')}`);
}

/** The messages in the card's thread. */
export const threadOf = (desk: TestDesk, card: FakeMessage) => desk.slack.messagesIn(DESK_CHANNEL).filter((message) => message.threadTs === card.ts);
