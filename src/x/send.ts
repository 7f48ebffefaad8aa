import type { TwitterApi } from 'twitter-api-v2';
import { callX, XApiError, type XOperation } from './errors';

export interface SentDm {
  dmEventId: string;
  dmConversationId: string;
}

/** One direct message to one person (POST /2/dm_conversations/with/:id/messages). */
export async function sendDirectMessage(client: TwitterApi, participantId: string, text: string): Promise<SentDm> {
  // The library types this as a conversation/event pair; X actually answers { data: {...} }.
  const answer: unknown = await callX('send-dm', () => client.v2.sendDmToParticipant(participantId, { text }));
  const data = (answer as { data?: { dm_conversation_id?: unknown; dm_event_id?: unknown } } | undefined)?.data;
  if (typeof data?.dm_event_id !== 'string' || typeof data.dm_conversation_id !== 'string') {
    throw unexpectedAnswer('send-dm');
  }
  return { dmEventId: data.dm_event_id, dmConversationId: data.dm_conversation_id };
}

/**
 * One public post (POST /2/tweets): a welcome that mentions the follower, or, when they mentioned or
 * replied to the account, a reply to their post (`inReplyTo`) — X's guidelines allow a reply only
 * to a user who engaged first, one per interaction.
 */
export async function postPublicWelcome(client: TwitterApi, text: string, inReplyTo?: string | null): Promise<{ postId: string }> {
  const answer = await callX('post', () => client.v2.tweet(text, inReplyTo ? { reply: { in_reply_to_tweet_id: inReplyTo } } : undefined));
  if (typeof answer?.data?.id !== 'string') throw unexpectedAnswer('post');
  return { postId: answer.data.id };
}

// A 2xx without the ids we need: X may well have sent it, so a blind retry could send it twice.
function unexpectedAnswer(operation: XOperation): XApiError {
  return new XApiError({
    kind: 'server',
    operation,
    status: 200,
    retryable: false,
    detail: 'X answered without the id of what was sent; check X before sending again',
  });
}
