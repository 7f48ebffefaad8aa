// An answer of the team in the card's thread: who wrote it, how it travels, its text, where it
// stands (waiting for a second teammate, queued, sent with its link on X, or not sent and why).
import type { types } from '@slack/bolt';
import type { AnswerStatus, AnswerVia, Lang } from '../../domain';
import { t as words, type XErrorFacts } from '../../i18n';
import { CONVERSATION_ACTIONS } from '../ids';
import { button, context, mrkdwn, plainSection, plainText, userMention, type KnownBlock } from './kit';
import { escapeMrkdwn } from './escape';

export interface AnswerView {
  answerId: number;
  lang: Lang;
  status: AnswerStatus;
  via: AnswerVia;
  /** What was typed; null when the account keeps DM text out of the channel. */
  text: string | null;
  writtenBy: string;
  approvedBy: string | null;
  /** Where it can be seen on X, once sent. */
  link: string | null;
  /** Why it was not sent: an X error kind with X's detail, or one of ours. */
  error: { kind: string; detail: string | null } | null;
}

/** The value of the thread buttons that act on an answer. */
export const answerButtonValue = (answerId: number) => `a:${answerId}`;

export function failureReason(lang: Lang, error: { kind: string; detail: string | null }): string {
  const t = words(lang);
  if (error.kind === 'do-not-contact' || error.kind === 'gave-up') return t.answer.failure[error.kind];
  const facts: XErrorFacts = { status: null, resetAt: null, detail: error.detail, retryable: false };
  const xError = t.xError as Record<string, ((facts: XErrorFacts) => string) | undefined>;
  return xError[error.kind]?.(facts) ?? t.answer.failure.unknown;
}

export function buildAnswerMessage(view: AnswerView): { text: string; blocks: KnownBlock[] } {
  const t = words(view.lang).answer;
  const more = words(view.lang).card.moreItems;
  const who = userMention(view.writtenBy);
  const way = t.way[view.via];
  const state: string[] = [t.status[view.status]];
  if (view.approvedBy && view.approvedBy !== view.writtenBy) state.push(t.approvedBy(userMention(view.approvedBy)));
  if (view.status === 'failed') state.push(escapeMrkdwn(t.notSent(failureReason(view.lang, view.error ?? { kind: 'unknown', detail: null })), 1500));
  const blocks: KnownBlock[] = [
    context([mrkdwn(t.answerLine(who, escapeMrkdwn(way)))], more),
    // The team's text, as typed: plain text, never parsed by Slack.
    plainSection(view.text ?? t.hiddenDm),
    context([mrkdwn(state.join(' '))], more),
  ];
  const buttons: types.Button[] = [];
  if (view.status === 'pending') buttons.push(button({ text: t.approve, actionId: CONVERSATION_ACTIONS.approveAnswer, value: answerButtonValue(view.answerId), style: 'primary' }));
  if (view.status === 'sent' && view.link) buttons.push(button({ text: t.viewOnX, actionId: CONVERSATION_ACTIONS.viewAnswerOnX, url: view.link }));
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `answer_${view.answerId}`, elements: buttons });
  return { text: t.fallback(view.writtenBy.replace(/[<>&]/g, ''), t.status[view.status]), blocks };
}

/** Plain text lines the thread gets besides messages and answers. */
export const plainLine = (text: string): KnownBlock[] => [context([plainText(text, 2000)], () => '')];
