// A follower's history with the desk, answered privately to `/audit-dm @handle` and to a
// `/welcome` for someone who already has their one welcome. Pure.
import type { Lang } from '../../domain';
import type { FollowerHistory, WelcomeRecord } from '../../desk/history';
import type { ManualWelcomeOutcome } from '../../desk/manual';
import { t as words, type AuditWords } from '../../i18n';
import { escapeMrkdwn, handleMrkdwn, mrkdwnLink } from './escape';
import { sendErrorText, xErrorText } from './failures';
import { LIMITS, context, mrkdwn, mrkdwnSection, plainSection, plainText, slackDate, userMention, type KnownBlock } from './kit';

export interface HistoryView {
  /** The handle as the teammate typed it, without @: used when the desk does not know them. */
  handle: string;
  history: FollowerHistory | null;
  lang: Lang;
  /** A line above the history, ours (already mrkdwn), e.g. why no card was posted. */
  intro?: string;
  /** How to start a welcome, shown for an unknown follower, e.g. "`/welcome @camille`". */
  welcomeCommand?: string;
}

export function buildFollowerHistory(view: HistoryView): { text: string; blocks: KnownBlock[] } {
  const t = words(view.lang).audit;
  const blocks: KnownBlock[] = [];
  if (view.intro) blocks.push(mrkdwnSection(view.intro));
  const { history } = view;
  if (!history) {
    const handle = at(view.handle);
    blocks.push(mrkdwnSection(t.unknownFollower(handle)));
    if (view.welcomeCommand) blocks.push(context([mrkdwn(t.unknownNewWelcome(view.welcomeCommand))], () => ''));
    return { text: t.unknownFollower(handle), blocks };
  }

  const handle = at(history.handle);
  const name = history.name ? ` (${escapeMrkdwn(history.name, 200, { singleLine: true })})` : '';
  const lines = [
    `*${t.historyTitle(`${handle}${name}`, at(history.accountHandle))}*`,
    `*${t.firstSeen}:* ${slackDate(history.firstSeenAt.toISOString())} — ${t.source[history.source] ?? escapeMrkdwn(history.source, 50)}`,
    `*${t.wroteFirst}:* ${history.engagedFirst ? t.wroteFirstVia[history.engagedFirst.via](slackDate(history.engagedFirst.at.toISOString())) : t.wroteFirstNo}`,
    `*${t.unfollowed}:* ${history.unfollowedAt ? slackDate(history.unfollowedAt.toISOString()) : t.unfollowedNo}`,
    `*${t.welcome}:* ${history.welcome ? welcomeLine(history.welcome, t) : t.noWelcome}`,
  ];
  blocks.push(mrkdwnSection(lines.join('\n')));

  const welcome = history.welcome;
  if (welcome) {
    if (welcome.text.trim() !== '') {
      blocks.push(context([plainText(t.whatWasSent[welcome.status], 200)], () => ''));
      // plain_text: the welcome is shown exactly as written, never parsed for mentions or links.
      blocks.push(plainSection(welcome.text));
    }
    const link = welcome.link ? mrkdwnLink(welcome.link, t.viewOnX) : null;
    if (link) blocks.push(context([mrkdwn(link)], () => ''));
    if (welcome.status === 'failed' && welcome.error) {
      blocks.push(context([plainText(`${t.xError} ${sendErrorText(view.lang, welcome.error)}`, LIMITS.sectionText)], () => ''));
    }
  }
  blocks.push(mrkdwnSection(newWelcomeLine(history, t)));
  return { text: `${t.historyTitle(handle, at(history.accountHandle))}: ${welcome ? t.status[welcome.status] : t.noWelcome}`, blocks };
}

/** "no — one welcome per follower, ever: already sent by … on …" or "yes — no welcome yet". */
export function newWelcomeLine(history: FollowerHistory, t: AuditWords): string {
  if (history.newWelcome.allowed) return t.newWelcomeYes;
  const w = history.newWelcome.because;
  return t.newWelcomeNo(t.newWelcomeWhy[w.status](who(w, t), slackDate(whenOf(w).toISOString())));
}

function welcomeLine(w: WelcomeRecord, t: AuditWords): string {
  const channel = w.channel ? t.channelName[w.channel] : null;
  const decided = w.status !== 'pending' && w.status !== 'expired';
  return t.welcomeLine(t.status[w.status], channel, decided ? who(w, t) : null, slackDate(whenOf(w).toISOString()));
}

function who(w: WelcomeRecord, t: AuditWords): string {
  return w.decidedBy && w.decidedBy !== 'system' ? userMention(w.decidedBy) : t.theBot;
}

/** The moment that matters for this state: sent, decided, or when the card appeared. */
function whenOf(w: WelcomeRecord): Date {
  if (w.status === 'sent') return w.sentAt ?? w.decidedAt ?? w.createdAt;
  if (w.status === 'pending' || w.status === 'expired') return w.createdAt;
  return w.decidedAt ?? w.createdAt;
}

function at(handle: string): string {
  return handleMrkdwn(handle);
}

/** The private answer to `/welcome @handle` or the welcome_from_message shortcut. */
export function buildManualWelcomeReply(outcome: ManualWelcomeOutcome, lang: Lang): { text: string; blocks: KnownBlock[] } {
  const t = words(lang).audit;
  const single = (text: string) => ({ text, blocks: [mrkdwnSection(text)] });
  switch (outcome.kind) {
    case 'carded':
      return single(t.manualCarded(at(outcome.handle), channelMention(outcome.slackChannelId)));
    case 'already-welcomed':
      return buildFollowerHistory({ handle: outcome.history.handle, history: outcome.history, lang, intro: t.manualAlready(at(outcome.history.handle)) });
    case 'known-without-card':
      return buildFollowerHistory({ handle: outcome.history.handle, history: outcome.history, lang, intro: t.manualKnown(at(outcome.history.handle)) });
    case 'card-under-way':
      return single(t.manualUnderWay(at(outcome.handle)));
    case 'not-found':
      return single(t.manualNotFound(at(outcome.handle)));
    case 'suspended':
      return single(t.manualSuspended(at(outcome.handle)));
    case 'x-failed':
      return single(t.manualXFailed(at(outcome.handle), escapeMrkdwn(outcome.error ? xErrorText(lang, outcome.error) : words(lang).replies.unexpectedError, 1000)));
    case 'no-account':
      return single(t.manualNoAccount);
  }
}

function channelMention(channelId: string): string {
  return /^[CG][A-Z0-9]{2,}$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId, 100, { singleLine: true });
}
