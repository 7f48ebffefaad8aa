// The Slack side of the desk's ThreadPublisher: a follower's messages in their card's thread.
import { buildThreadMessage, type ThreadMessageView } from './blocks/thread-message';
import type { CardDeps } from './cards';
import { getMessageContext, markMessagePosted, type MessageContext } from '../db/conversations';
import { dmConversationId, type ThreadPublisher } from '../desk/conversation';
import { detectOptOut } from '../rules/opt-out';

/** The desk's ThreadPublisher, in Slack. */
export function createThreadPublisher(deps: Pick<CardDeps, 'db' | 'slack' | 'lang'>): ThreadPublisher {
  return {
    post: (messageId) => postThreadMessage(deps, messageId),
    refresh: (messageId) => refreshThreadMessage(deps, messageId),
  };
}

const X_ID = /^\d{1,20}$/;

/** Where the message can be read on X: the post, or the DM conversation. */
function linkOf(ctx: MessageContext): string | null {
  const { message, account, follower } = ctx;
  if (message.via !== 'dm') return message.xId && X_ID.test(message.xId) ? `https://x.com/i/status/${message.xId}` : null;
  if (!X_ID.test(account.xUserId) || !X_ID.test(follower.xUserId)) return null;
  return `https://x.com/messages/${dmConversationId(account.xUserId, follower.xUserId)}`;
}

export function threadMessageView(ctx: MessageContext, lang: CardDeps['lang']): ThreadMessageView {
  const { message, account, follower } = ctx;
  const hidden = message.via === 'dm' && !account.showDmText;
  return {
    messageId: message.id,
    lang,
    handle: follower.handle,
    via: message.via,
    at: (message.writtenAt ?? message.recordedAt).toISOString(),
    text: hidden ? null : message.text,
    link: linkOf(ctx),
    handled: message.handled && message.handledBy ? { kind: message.handled, by: message.handledBy } : null,
    optedOut: follower.doNotContactAt !== null && detectOptOut(message.text) !== null,
  };
}

async function postThreadMessage(deps: Pick<CardDeps, 'db' | 'slack' | 'lang'>, messageId: number): Promise<void> {
  const ctx = await getMessageContext(deps.db, messageId);
  if (!ctx || ctx.message.slackTs || ctx.message.direction !== 'in') return;
  if (!ctx.welcome.slackTs) throw new Error('the card is not posted yet: its thread does not exist');
  const drawn = buildThreadMessage(threadMessageView(ctx, deps.lang));
  const posted = await deps.slack.chat.postMessage({
    channel: ctx.welcome.slackChannelId,
    thread_ts: ctx.welcome.slackTs,
    text: drawn.text,
    blocks: drawn.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ts) throw new Error('Slack accepted the thread message but returned no timestamp');
  await markMessagePosted(deps.db, messageId, posted.ts);
}

async function refreshThreadMessage(deps: Pick<CardDeps, 'db' | 'slack' | 'lang'>, messageId: number): Promise<void> {
  const ctx = await getMessageContext(deps.db, messageId);
  if (!ctx?.message.slackTs || ctx.message.direction !== 'in') return;
  const drawn = buildThreadMessage(threadMessageView(ctx, deps.lang));
  await deps.slack.chat.update({ channel: ctx.welcome.slackChannelId, ts: ctx.message.slackTs, text: drawn.text, blocks: drawn.blocks });
}
