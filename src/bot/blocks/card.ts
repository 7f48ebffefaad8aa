// The card a teammate sees in the desk channel for one new follower, rebuilt from scratch on
// every change of the welcome, so a decided card never keeps the buttons of a pending one.
import type { types } from '@slack/bolt';
import type { Channel, FollowerProfile, Lang, SendMode, WelcomeStatus } from '../../domain';
import type { Finding } from '../../rules/types';
import { ACTIONS, CARD_ACTIONS_BLOCK_ID } from '../ids';
import { cleanText, escapeMrkdwn, handleMrkdwn, mrkdwnLink, truncate } from './escape';
import {
  LIMITS,
  button,
  context,
  divider,
  header,
  mrkdwn,
  mrkdwnSection,
  plainSection,
  plainText,
  slackDate,
  userMention,
  type KnownBlock,
} from './kit';
import { t as words, type CardWords, type HintFacts } from '../../i18n';

export interface CardFlag {
  id: string;
  label: string;
  kind: 'bot' | 'notable' | 'relevant' | 'info';
  /** The facts behind the hint, for its short form. */
  data?: HintFacts;
}

export interface CardDecision {
  /** Slack user id of the teammate who decided. */
  by: string;
  /** ISO 8601. */
  at: string;
  channel: Channel | null;
  /** The final text, as approved. */
  text: string | null;
  /** The post (mention) or conversation (DM) on X, once sent. */
  link: string | null;
  /** X's reason for a failed send, in plain words. */
  error: string | null;
  queuePosition?: number | null;
  /** ISO 8601. */
  expectedAt?: string | null;
}

/** Everything the card shows, gathered by the caller; the builder only lays it out. */
export interface CardView {
  welcomeId: number;
  status: WelcomeStatus;
  profile: FollowerProfile;
  lang: Lang;
  flags: CardFlag[];
  recommendation: { channel: Channel | 'none'; reason: string };
  draft: string;
  /** Audit warnings and advice to show next to the draft. */
  findings: Finding[];
  /** While pending: the draft of each channel offered, audited for it; each has its own Edit… button. */
  drafts?: Array<{ channel: Channel; text: string; findings: Finding[] }>;
  /** The follower's post the public welcome answers, when they mentioned or replied to the account. */
  replyTo?: string | null;
  /** The DM is offered only because the account chose the `approved` policy, outside X's guidelines. */
  dmOutsideGuidelines?: boolean;
  dm: { allowed: boolean; reason: string | null };
  mention: { allowed: boolean; reason: string | null };
  engagedFirst: { via: Channel; at: string } | null;
  sendMode: SendMode;
  decision: CardDecision | null;
  /** Where the draft came from: a template (key and version) or a language model (its name). */
  origin?: DraftOrigin;
  /** A model's draft on an account without X's approval for AI-generated replies: sent by hand only, or switched back to the template. */
  modelManualOnly?: boolean;
  /** The conversation in the card's thread, when the follower wrote (see conversationBlocks). */
  conversation?: CardConversation | null;
}

export type DraftOrigin = { kind: 'template'; key: string; version: number | null } | { kind: 'model'; name: string } | { kind: 'hand' };

export function buildWelcomeCard(card: CardView): { text: string; blocks: KnownBlock[] } {
  const t = words(card.lang).card;
  const blocks: KnownBlock[] = [...profileBlocks(card, t), ...flagBlocks(card, t), ...conversationBlocks(card), divider()];
  blocks.push(...(card.status === 'pending' ? pendingBlocks(card, t) : decidedBlocks(card, t)));
  return { text: fallbackText(card, t), blocks };
}

/** What a notification or a client without blocks shows. It is mrkdwn, so untrusted parts are escaped. */
function fallbackText(card: CardView, t: CardWords): string {
  const handle = handleMrkdwn(card.profile.handle);
  const name = escapeMrkdwn(displayName(card.profile), 200, { singleLine: true });
  return card.status === 'pending' ? t.fallbackPending(name, handle) : t.fallbackDecided(handle, t.outcome[card.status]);
}

function displayName(profile: FollowerProfile): string {
  return cleanText(profile.name) === '' ? `@${profile.handle}` : profile.name;
}

function profileBlocks(card: CardView, t: CardWords): KnownBlock[] {
  const { profile } = card;
  const blocks: KnownBlock[] = [header(t.cardTitle(displayName(profile)))];
  const badges = [profile.verified ? `✅ ${t.verified}` : null, profile.protected ? `🔒 ${t.protected}` : null];
  blocks.push(mrkdwnSection([`*${handleMrkdwn(profile.handle)}*`, ...badges].filter(Boolean).join('  ·  ')));
  // Judged after cleaning: a bio of invisible characters is no bio.
  blocks.push(cleanText(profile.bio) === '' ? context([plainText(t.noBio, 100)], t.moreItems) : plainSection(profile.bio));
  blocks.push({ type: 'section', fields: profileFields(card, t).map(mrkdwn) });
  return blocks;
}

function profileFields(card: CardView, t: CardWords): string[] {
  const { profile } = card;
  const count = words(card.lang).format.number;
  // Each field is its label (ours) and a value; values are budgeted to stay under the field limit.
  const field = (label: string, value: string) => `*${label}*\n${value}`;
  const valueBudget = LIMITS.fieldText - 100;
  const fields: string[] = [];
  // Empty fields are dropped after cleaning: a location of invisible characters shows nothing.
  const location = escapeMrkdwn(profile.location ?? '', valueBudget, { singleLine: true });
  if (location !== '') fields.push(field(t.location, location));
  if (profile.url) {
    const link = mrkdwnLink(profile.url, websiteLabel(profile.url), valueBudget - 250);
    fields.push(field(t.website, link ?? escapeMrkdwn(profile.url, valueBudget, { singleLine: true })));
  }
  if (profile.createdAt) fields.push(field(t.joined, slackDate(profile.createdAt, '{date_short} ({ago})')));
  fields.push(field(t.followers, count(profile.followersCount)));
  fields.push(field(t.following, count(profile.followingCount)));
  fields.push(field(t.posts, count(profile.postsCount)));
  const dms = profile.receivesYourDm === null ? t.dmsUnknown : profile.receivesYourDm ? t.dmsOpen : t.dmsClosed;
  fields.push(field(t.dms, dms));
  fields.push(field(t.mutual, profile.connectionStatus.includes('following') ? t.mutualYes : t.mutualNo));
  return fields.slice(0, LIMITS.sectionFields);
}

/** A short, readable label for the follower's website: host and path, without the scheme. */
function websiteLabel(url: string): string {
  try {
    const u = new URL(url);
    return truncate(`${u.host}${u.pathname === '/' ? '' : u.pathname}`, 60);
  } catch {
    return truncate(url, 60);
  }
}

const FLAG_KINDS = ['bot', 'notable', 'relevant', 'info'] as const;

function flagBlocks(card: CardView, t: CardWords): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (card.flags.length > 0) {
    // One line per kind, each hint in its short form: "🤖 Looks automated: default avatar · empty bio".
    const hints = t.hint as Record<string, ((facts: HintFacts) => string) | undefined>;
    const lines = FLAG_KINDS.flatMap((kind) => {
      const ofKind = card.flags.filter((f) => f.kind === kind);
      if (ofKind.length === 0) return [];
      const items = ofKind.map((f) => hints[f.id]?.(f.data ?? {}) ?? f.label);
      return [plainText(`${t.flagKind[kind]} ${items.join(' · ')}`, 600)];
    });
    blocks.push(context([plainText(t.flagsTitle, 100), ...lines], t.moreItems));
  }
  if (card.engagedFirst) {
    blocks.push(context([mrkdwn(t.engagedFirst[card.engagedFirst.via](slackDate(card.engagedFirst.at)))], t.moreItems));
  }
  return blocks;
}

function pendingBlocks(card: CardView, t: CardWords): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const reason = escapeMrkdwn(card.recommendation.reason, 2000);
  blocks.push(mrkdwnSection(`*${t.recommendation}* ${t.recommend[card.recommendation.channel]}${reason ? `\n${reason}` : ''}`));
  blocks.push(...originBlocks(card));
  if (card.drafts) blocks.push(...draftBlocks(card, card.drafts, t));
  else {
    if (card.draft.trim() !== '') {
      blocks.push(context([mrkdwn(`*${t.draft}*`)], t.moreItems), plainSection(card.draft));
    }
    if (card.findings.length > 0) {
      blocks.push(context(card.findings.map((f) => findingText(f, t)), t.moreItems));
    }
  }
  const unavailable: types.PlainTextElement[] = [];
  if (card.dm.allowed && card.dmOutsideGuidelines) unavailable.push(plainText(t.dmOutsideGuidelines, 1000));
  if (!card.dm.allowed) unavailable.push(plainText(t.dmUnavailable(card.dm.reason ?? ''), 1000));
  if (!card.mention.allowed) unavailable.push(plainText(t.mentionUnavailable(card.mention.reason ?? ''), 1000));
  if (card.sendMode === 'manual' && !card.modelManualOnly) unavailable.push(plainText(t.manualModeNote, 300));
  if (unavailable.length > 0) blocks.push(context(unavailable, t.moreItems));
  blocks.push(actions(pendingButtons(card, t)));
  return blocks;
}

/** Each offered channel's draft under its own label, with an Edit… button that edits that draft. */
function draftBlocks(card: CardView, drafts: NonNullable<CardView['drafts']>, t: CardWords): KnownBlock[] {
  const value = String(card.welcomeId);
  const primary = card.recommendation.channel === 'dm' ? 'dm' : 'mention';
  return drafts.flatMap(({ channel, text, findings }) => {
    const label = channel === 'mention' && card.replyTo ? t.draftFor.reply : t.draftFor[channel];
    // The recommended channel's draft keeps the card's historic Edit… action id.
    const actionId = channel === primary ? ACTIONS.edit : channel === 'dm' ? ACTIONS.editDm : ACTIONS.editMention;
    const blocks: KnownBlock[] = [
      { type: 'section', text: { type: 'mrkdwn', text: `*${label}*` }, accessory: button({ text: t.edit, actionId, value }) },
    ];
    if (text.trim() !== '') blocks.push(plainSection(text));
    if (findings.length > 0) blocks.push(context(findings.map((f) => findingText(f, t)), t.moreItems));
    return blocks;
  });
}

/** Where the draft came from, and for a model's draft without X's approval, why it is sent by hand. */
function originBlocks(card: CardView): KnownBlock[] {
  if (!card.origin) return [];
  const m = words(card.lang).model;
  const origin = card.origin;
  const line =
    origin.kind === 'template'
      ? m.fromTemplate(escapeMrkdwn(origin.key, 60, { singleLine: true }), origin.version)
      : origin.kind === 'model'
        ? m.fromModel(escapeMrkdwn(origin.name, 100, { singleLine: true }))
        : m.writtenByHand;
  const elements: (types.PlainTextElement | types.MrkdwnElement)[] = [mrkdwn(`${origin.kind === 'model' ? '🤖' : '📝'} ${line}`)];
  if (card.modelManualOnly && card.status === 'pending') elements.push(plainText(m.manualOnly, 1000));
  return [context(elements, () => '')];
}

function findingText(f: Finding, t: CardWords): types.PlainTextElement {
  const suggestion = f.suggestion ? ` → ${f.suggestion}` : '';
  return plainText(`${t.severity[f.severity]} ${f.message}${suggestion}`, 1000);
}

function pendingButtons(card: CardView, t: CardWords): types.Button[] {
  const value = String(card.welcomeId);
  const manual = card.sendMode === 'manual';
  const buttons: types.Button[] = [];
  if (card.dm.allowed) {
    buttons.push(button({ text: manual ? t.approveDm : t.sendDm, actionId: ACTIONS.sendDm, value, style: 'primary' }));
  }
  if (card.mention.allowed) {
    // Only one primary button in a set, as Block Kit asks: the DM when both are offered.
    const style = card.dm.allowed ? undefined : 'primary';
    const label = card.replyTo ? (manual ? t.approveReply : t.replyToPost) : manual ? t.approveMention : t.postMention;
    buttons.push(button({ text: label, actionId: ACTIONS.postMention, value, style }));
  }
  // With one draft per channel, each draft has its own Edit… button.
  if (!card.drafts) buttons.push(button({ text: t.edit, actionId: ACTIONS.edit, value }));
  if (card.modelManualOnly) buttons.push(button({ text: words(card.lang).model.useTemplate, actionId: ACTIONS.useTemplateDraft, value }));
  buttons.push(
    button({
      text: t.skip,
      actionId: ACTIONS.skip,
      value,
      style: 'danger',
      confirm: {
        title: t.skipConfirmTitle,
        text: t.skipConfirmText(`@${card.profile.handle}`),
        confirm: t.skipConfirmYes,
        deny: t.skipConfirmNo,
      },
    }),
  );
  return buttons;
}

function actions(elements: types.Button[]): types.ActionsBlock {
  return { type: 'actions', block_id: CARD_ACTIONS_BLOCK_ID, elements };
}

function decidedBlocks(card: CardView, t: CardWords): KnownBlock[] {
  const d = card.decision;
  if (card.status === 'expired') return [mrkdwnSection(t.expired)];
  const blocks: KnownBlock[] = [mrkdwnSection(statusLine(card, t)), ...originBlocks(card)];
  if (!d) return blocks;

  const text = d.text ?? card.draft;
  if (card.status === 'skipped') return blocks;
  if (card.status === 'approved' || card.status === 'sending') {
    const queue = queueLine(d, t);
    if (queue) blocks.push(context([mrkdwn(queue)], t.moreItems));
  }
  const sentLabel = card.status === 'sent' ? t.whatWasSent : card.status === 'failed' ? t.whatWasTried : t.whatWillBeSent;
  if (text.trim() !== '') blocks.push(context([mrkdwn(`*${sentLabel}*`)], t.moreItems), plainSection(text));

  if (card.status === 'sent' && d.link) {
    const link = mrkdwnLink(d.link, d.channel === 'dm' ? t.viewConversation : t.viewPost);
    if (link) blocks.push(mrkdwnSection(link));
  }
  if (card.status === 'failed') {
    blocks.push(context([mrkdwn(`*${t.failedReason}*`)], t.moreItems), plainSection(d.error ?? t.unknownError));
    blocks.push(actions([button({ text: t.retry, actionId: ACTIONS.retry, value: String(card.welcomeId), style: 'primary' })]));
  }
  if (card.status === 'approved' && card.sendMode === 'manual') {
    blocks.push(...manualSendBlocks(card, d, text, t));
  }
  return blocks;
}

function statusLine(card: CardView, t: CardWords): string {
  const d = card.decision;
  if (!d) return `*${t.outcome[card.status]}*`;
  const who = userMention(d.by);
  const when = slackDate(d.at);
  const channel = t.channelName[d.channel ?? 'dm'];
  switch (card.status) {
    case 'sent':
      return t.sentBy(channel, who, when);
    case 'sending':
      return t.sendingNow(channel, who, when);
    case 'failed':
      return t.failedBy(channel, who, when);
    case 'skipped':
      return t.skippedBy(who, when);
    default:
      return t.approvedBy(channel, who, when);
  }
}

function queueLine(d: CardDecision, t: CardWords): string | null {
  const parts: string[] = [];
  if (d.queuePosition != null) parts.push(t.queuePosition(d.queuePosition));
  if (d.expectedAt) parts.push(t.expectedAt(slackDate(d.expectedAt)));
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Manual send: a link that opens X with the approved text, and a button to record that it went out. */
function manualSendBlocks(card: CardView, d: CardDecision, text: string, t: CardWords): KnownBlock[] {
  const value = String(card.welcomeId);
  const link = openInXUrl(d.channel ?? 'dm', card.profile.xUserId, text);
  const buttons: types.Button[] = [];
  if (link) buttons.push(button({ text: t.openInX, actionId: ACTIONS.openInX, value, url: link.url }));
  buttons.push(button({ text: t.markSent, actionId: ACTIONS.markSent, value, style: 'primary' }));
  const blocks: KnownBlock[] = [context([plainText(t.manualSendNext, 300)], t.moreItems)];
  if (link && !link.withText) blocks.push(context([plainText(t.openInXNoText, 300)], t.moreItems));
  blocks.push(actions(buttons));
  return blocks;
}

/**
 * X's compose links. The text rides along URL-encoded; when that would pass Slack's URL limit,
 * the link opens X without it and the card says to copy the text.
 */
export function openInXUrl(channel: Channel, xUserId: string, text: string): { url: string; withText: boolean } | null {
  let base: string;
  let withText: string;
  if (channel === 'dm') {
    if (!/^\d{1,20}$/.test(xUserId)) return null;
    base = `https://x.com/messages/compose?recipient_id=${xUserId}`;
    withText = `${base}&text=${encodeURIComponent(text)}`;
  } else {
    base = 'https://x.com/intent/post';
    withText = `${base}?text=${encodeURIComponent(text)}`;
  }
  return withText.length <= LIMITS.buttonUrl ? { url: withText, withText: true } : { url: base, withText: false };
}

/** The card's one conversation line (issue 12): what the follower wrote in the thread, and whether it waits. */
export interface CardConversation {
  /** Messages the follower wrote. */
  received: number;
  /** ISO 8601: the oldest message still waiting for an answer. */
  waitingSince: string | null;
  /** The latest answer: who (a Slack user id) and how many seconds after the message. */
  lastAnswer: { by: string; secondsAfter: number } | null;
  /** They asked not to be contacted: their words, or null when X said so. */
  doNotContact: { words: string | null } | null;
}

/** One line, redrawn in place: "💬 2 messages · waiting for an answer since 14:02", and "do not contact" when set. */
function conversationBlocks(card: CardView): KnownBlock[] {
  const c = card.conversation;
  if (!c || (c.received === 0 && !c.doNotContact)) return [];
  const t = words(card.lang).conversation;
  const lines: string[] = [];
  if (c.received > 0) {
    const state = c.waitingSince
      ? t.waitingSince(slackDate(c.waitingSince, '{time}'))
      : c.lastAnswer
        ? t.answered(userMention(c.lastAnswer.by), t.after(c.lastAnswer.secondsAfter))
        : t.noAnswerNeeded;
    lines.push(`${t.messages(c.received)} · ${state}`);
  }
  if (c.doNotContact) lines.push(c.doNotContact.words === null ? t.doNotContactX : t.doNotContact(escapeMrkdwn(c.doNotContact.words, 200, { singleLine: true })));
  return [context([mrkdwn(lines.join('\n'))], () => '')];
}
