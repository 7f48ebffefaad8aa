// The Slack side of the desk's CardPublisher: draws a welcome's card and posts or updates it.
import type { WebClient } from '@slack/web-api';
import type PgBoss from 'pg-boss';
import { buildWelcomeCard, type CardConversation, type CardView } from './blocks/card';
import { conversationState } from '../db/conversations';
import { accountSettings } from '../db/accounts';
import { claimFirstCardPost, queuePosition, releaseCardClaim } from '../db/cards';
import type { Db } from '../db/client';
import { expectedSendTime } from '../db/pacing';
import { engagementOf } from '../db/followers';
import { auditHistory, draftFor, getWelcomeContext, logWelcomeEvent, setCardMessage, SYSTEM_ACTOR, type WelcomeContext } from '../db/welcomes';
import type { Channel, FollowerProfile, Lang } from '../domain';
import { auditWelcomeText } from '../desk/audit';
import { errorSummary, sentLink, type CardPublisher } from '../desk/cards';
import { QUEUES } from '../desk/desk';
import { sendModeOf } from '../desk/decide';
import { knownSecondOpinion, secondOpinion, type DeskModel } from '../desk/model-draft';
import type { Finding } from '../rules/types';
import type { Logger } from '../logger';
import { triageFollower } from '../rules/triage';
import { sendErrorText } from './blocks/failures';

/** What drawing and posting cards uses. */
export interface CardDeps {
  db: Db;
  boss: PgBoss;
  slack: WebClient;
  logger: Logger;
  now(): Date;
  /** The language of the card's own words. */
  lang: Lang;
  /** The optional language model: the card's audit may carry its second opinion. */
  model?: DeskModel | undefined;
}

/** The desk's CardPublisher, in Slack. */
export function createCardPublisher(deps: CardDeps): CardPublisher {
  return { refresh: (welcomeId) => refreshCard(deps, welcomeId) };
}

/**
 * The card as it should look now. Availability and audit findings are recomputed from the current
 * state (both are cheap and pure), so a follower who wrote first since the card was posted unlocks the DM.
 */
export async function cardViewFor(
  desk: Pick<CardDeps, 'db' | 'now' | 'lang' | 'logger' | 'model'>,
  ctx: WelcomeContext,
  /** Second opinions asked while drawing, still to come. */
  opinions: Promise<Finding | null>[] = [],
): Promise<CardView> {
  const { welcome, follower, account } = ctx;
  const settings = accountSettings(account);
  const profile = follower.profile as FollowerProfile;
  const followerLang = welcome.lang;
  const lang = desk.lang;
  const engagement = engagementOf(follower);
  const triage = triageFollower(profile, { account: settings, ...engagement, now: desk.now(), lang: followerLang });
  const status = welcome.status;
  const channel = welcome.channel ?? (triage.recommendation.channel === 'dm' ? 'dm' : 'mention');
  const history = status === 'pending' ? await auditHistory(desk.db, account.id, follower.id, welcome.id) : undefined;
  // The audit, with the language model's second opinion as a warning once it has answered: the
  // card is drawn without waiting for it, and its answer (asked here) redraws the card.
  const findingsOf = (text: string, kind: Channel): Finding[] => {
    if (text === '') return [];
    const report = auditWelcomeText({ account, profile, text, channel: kind, lang: followerLang, history });
    const question = { text, channel: kind, lang: followerLang, report };
    const known = knownSecondOpinion(desk, question);
    if (known === undefined) opinions.push(secondOpinion(desk, question));
    return known ? [...report.findings, known] : report.findings;
  };
  const text = welcome.finalText ?? draftFor(welcome, channel);
  const findings = findingsOf(text, channel);
  // While pending, the card shows the draft of each channel it offers, each audited for its channel.
  const offered = (['dm', 'mention'] as const).filter((kind) => (kind === 'dm' ? triage.dm.allowed : triage.mention.allowed));
  const drafts = offered.map((kind) => ({ channel: kind, text: draftFor(welcome, kind), findings: findingsOf(draftFor(welcome, kind), kind) }));
  const decided = status !== 'pending';
  // A model's draft without X's approval for AI-generated replies leaves by hand only (X's developer guidelines).
  const modelManualOnly = welcome.draftSource === 'model' && !account.aiRepliesApproved;
  return {
    welcomeId: welcome.id,
    status,
    profile,
    lang,
    flags: triage.flags.map((flag) => ({ id: flag.id, kind: flag.kind, label: flag.label[lang], ...(flag.data ? { data: flag.data } : {}) })),
    recommendation: { channel: triage.recommendation.channel, reason: triage.recommendation.reason[lang] },
    draft: draftFor(welcome, channel),
    findings,
    drafts,
    replyTo: engagement.replyTo,
    dmOutsideGuidelines: settings.dmPolicy === 'approved' && triage.dm.allowed && !engagement.sentDm,
    dm: { allowed: triage.dm.allowed, reason: triage.dm.reason?.[lang] ?? null },
    mention: { allowed: triage.mention.allowed, reason: triage.mention.reason?.[lang] ?? null },
    engagedFirst:
      follower.engagedFirstAt && follower.engagedFirstVia
        ? { via: follower.engagedFirstVia, at: follower.engagedFirstAt.toISOString() }
        : null,
    conversation: await conversationOf(desk, ctx),
    // Once approved, the welcome's own send mode: the account's may have changed since.
    sendMode: welcome.sendMode ?? sendModeOf(ctx),
    origin: originOf(welcome),
    modelManualOnly,
    decision: decided
      ? {
          by: welcome.decidedBy ?? SYSTEM_ACTOR,
          at: (welcome.decidedAt ?? welcome.updatedAt).toISOString(),
          channel: welcome.channel,
          text: welcome.finalText,
          link: sentLink(ctx),
          error: welcome.errorKind ? sendErrorText(lang, { kind: welcome.errorKind, detail: welcome.errorDetail }) : null,
          ...(await queueView(desk, ctx)),
        }
      : null,
  };
}

/** Where the welcome's draft came from, as the card says it. */
function originOf(welcome: WelcomeContext['welcome']): CardView['origin'] {
  if (welcome.draftSource === 'model') return { kind: 'model', name: welcome.draftModel ?? '?' };
  if (welcome.templateId) return { kind: 'template', key: welcome.templateId, version: welcome.templateVersion ?? null };
  return welcome.draftText === '' && Object.values(welcome.drafts).every((draft) => !draft) ? { kind: 'hand' } : undefined;
}

/** The card's conversation line: the messages in its thread, and a do-not-contact. */
async function conversationOf(desk: Pick<CardDeps, 'db'>, ctx: WelcomeContext): Promise<CardConversation> {
  const state = await conversationState(desk.db, ctx.welcome.id);
  const { doNotContactAt, doNotContactReason } = ctx.follower;
  return {
    received: state.received,
    waitingSince: state.waitingSince?.toISOString() ?? null,
    lastAnswer: state.lastAnswer ? { by: state.lastAnswer.by, secondsAfter: state.lastAnswer.secondsAfter } : null,
    doNotContact: doNotContactAt ? { words: doNotContactReason === X_OPT_OUT ? null : doNotContactReason } : null,
  };
}

/** The do-not-contact reason when X itself says they opted out, rather than their words. */
const X_OPT_OUT = 'x-opt-out';

/** An approved welcome's place in its account's queue, and when X's windows should let it leave. */
async function queueView(desk: Pick<CardDeps, 'db' | 'now'>, ctx: WelcomeContext): Promise<{ queuePosition: number | null; expectedAt: string | null }> {
  const status = ctx.welcome.status;
  // A welcome for the team to send by hand waits in no queue of the bot's: its card says what to do instead.
  if ((status !== 'approved' && status !== 'sending') || ctx.welcome.sendMode === 'manual') return { queuePosition: null, expectedAt: null };
  const position = await queuePosition(desk.db, { id: ctx.welcome.id, accountId: ctx.account.id, channel: ctx.welcome.channel });
  if (status === 'sending') return { queuePosition: position, expectedAt: null };
  const channel = ctx.welcome.channel ?? 'dm';
  const expected = await expectedSendTime(desk.db, ctx.account.id, channel, position, desk.now());
  return { queuePosition: position, expectedAt: expected.toISOString() };
}

/** How many times a card is redrawn when its welcome changed while Slack was being told. */
const REDRAWS = 3;
/** A first post claimed longer ago than this was abandoned (its process died): another may post. */
const CARD_CLAIM_MS = 60_000;

/**
 * Posts the welcome's card, or updates it in place when it was posted before. Throws when Slack fails.
 * Two processes (or a job and a click) may publish the same card at once: only one may post it first,
 * and an update that raced a newer change is redrawn, so the card ends showing the latest state.
 */
export async function publishCard(desk: CardDeps, welcomeId: number): Promise<void> {
  for (let draw = 0; draw < REDRAWS; draw++) {
    const ctx = await getWelcomeContext(desk.db, welcomeId);
    if (!ctx) return;
    const drawn = ctx.welcome.updatedAt.getTime();
    if (!(await drawCard(desk, ctx))) return;
    const now = await getWelcomeContext(desk.db, welcomeId);
    if (!now || now.welcome.updatedAt.getTime() === drawn) return;
  }
}

/** One drawing of the card; false when another process is posting it for the first time. */
async function drawCard(desk: CardDeps, ctx: WelcomeContext): Promise<boolean> {
  const opinions: Promise<Finding | null>[] = [];
  const message = buildWelcomeCard(await cardViewFor(desk, ctx, opinions));
  const drawn = await postOrUpdate(desk, ctx, message);
  // The model's second opinions come later (each within its timeout): one with something to say redraws the card.
  if (drawn && opinions.length > 0) {
    void Promise.all(opinions)
      .then((found) => (found.some((finding) => finding !== null) ? refreshCard(desk, ctx.welcome.id) : undefined))
      .catch((error: unknown) => desk.logger.debug({ welcomeId: ctx.welcome.id, err: errorSummary(error) }, 'could not redraw the card with the second opinion'));
  }
  return drawn;
}

async function postOrUpdate(desk: CardDeps, ctx: WelcomeContext, message: ReturnType<typeof buildWelcomeCard>): Promise<boolean> {
  const { welcome } = ctx;
  if (welcome.slackTs) {
    await desk.slack.chat.update({ channel: welcome.slackChannelId, ts: welcome.slackTs, text: message.text, blocks: message.blocks });
    return true;
  }
  if (!(await claimFirstCardPost(desk.db, welcome.id, desk.now(), CARD_CLAIM_MS))) {
    // Someone else is posting it; look again shortly, in case this call carried a newer state.
    await desk.boss.send(QUEUES.card, { welcomeId: welcome.id }, { singletonKey: String(welcome.id), startAfter: 5 });
    return false;
  }
  let posted;
  try {
    posted = await desk.slack.chat.postMessage({
      channel: welcome.slackChannelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    // Slack said no: nothing was posted, so the next try may post at once.
    await releaseCardClaim(desk.db, welcome.id);
    throw error;
  }
  if (!posted.ts) throw new Error('Slack accepted the card but returned no message timestamp');
  await setCardMessage(desk.db, welcome.id, posted.channel ?? welcome.slackChannelId, posted.ts);
  await logWelcomeEvent(desk.db, welcome.id, 'card-posted', SYSTEM_ACTOR, { ts: posted.ts });
  return true;
}

/**
 * Brings the card up to date now, or — when Slack is failing — hands it to a durable job that keeps
 * trying with backoff. The welcome is safe in the database either way; only its picture is late.
 */
async function refreshCard(desk: CardDeps, welcomeId: number): Promise<void> {
  try {
    await publishCard(desk, welcomeId);
  } catch (error) {
    desk.logger.warn({ welcomeId, err: errorSummary(error) }, 'could not publish the card now; queued a retry');
    await desk.boss.send(QUEUES.card, { welcomeId }, { singletonKey: String(welcomeId), retryLimit: 30, retryDelay: 5, retryBackoff: true });
  }
}
