// One of a follower's messages, as posted in their card's thread: who, how and when, the text
// (untrusted: plain_text, cleaned and cut like a bio), a link to it on X, and — while it waits for
// an answer — Reply… and No answer needed. When the account keeps DMs out of the channel, a DM
// shows only that it arrived, with the link to read it in X.
import type { types } from '@slack/bolt';
import type { Lang, MessageHandling, MessageVia } from '../../domain';
import { t as words } from '../../i18n';
import { ACTIONS, CONVERSATION_ACTIONS, CONVERSATION_ACTIONS_BLOCK_ID } from '../ids';
import { handleLabel, handleMrkdwn } from './escape';
import { button, context, mrkdwn, plainSection, plainText, slackDate, userMention, type KnownBlock } from './kit';

export interface ThreadMessageView {
  messageId: number;
  lang: Lang;
  /** The follower's X handle, without @. */
  handle: string;
  via: MessageVia;
  /** ISO 8601: when they wrote it. */
  at: string;
  /** What they wrote; null when the account keeps DM text out of the channel. */
  text: string | null;
  /** The message (post) or conversation (DM) on X. */
  link: string | null;
  /** What the team did with it; null while it waits. */
  handled: { kind: MessageHandling; by: string } | null;
  /** This message asked the account to stop writing to them. */
  optedOut: boolean;
}

export function buildThreadMessage(view: ThreadMessageView): { text: string; blocks: KnownBlock[] } {
  const t = words(view.lang).conversation;
  const blocks: KnownBlock[] = [{ type: 'context', elements: [mrkdwn(t.wrote[view.via](`*${handleMrkdwn(view.handle)}*`, slackDate(view.at)))] }];
  if (view.text === null) blocks.push(plainSection(t.hiddenDm));
  else blocks.push(plainSection(view.text.trim() === '' ? t.emptyText : view.text));
  if (view.optedOut) blocks.push(context([plainText(t.optedOut, 300)], () => ''));
  if (view.handled) {
    const who = userMention(view.handled.by);
    blocks.push(context([mrkdwn(view.handled.kind === 'answered' ? t.answeredBy(who) : t.noAnswerBy(who))], () => ''));
  }
  const elements: types.Button[] = [];
  if (!view.handled) {
    const value = String(view.messageId);
    elements.push(button({ text: t.reply, actionId: CONVERSATION_ACTIONS.reply, value, style: 'primary' }));
    elements.push(button({ text: t.noAnswer, actionId: CONVERSATION_ACTIONS.noAnswer, value }));
  }
  // Our own link (x.com and an id X gave), as a link button: opening it changes nothing (the card's "Open in X" listener acks it).
  if (view.link) elements.push(button({ text: view.text === null ? t.openInX : t.viewOnX, actionId: ACTIONS.openInX, url: view.link }));
  if (elements.length > 0) blocks.push({ type: 'actions', block_id: CONVERSATION_ACTIONS_BLOCK_ID, elements });
  return { text: t.fallback(handleLabel(view.handle)), blocks };
}
