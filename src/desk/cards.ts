import { and, count, eq, inArray, lt } from 'drizzle-orm';
import { buildWelcomeCard, type CardView } from '../bot/blocks/card';
import { accountSettings } from '../db/accounts';
import { welcomes } from '../db/schema';
import { auditHistory, getWelcomeContext, logWelcomeEvent, setCardMessage, SYSTEM_ACTOR, type WelcomeContext } from '../db/welcomes';
import type { Channel, FollowerProfile, Lang, WelcomeStatus } from '../domain';
import { auditWelcomeText } from './audit';
import { triageFollower } from '../rules/triage';
import { QUEUES, type Desk } from './desk';

/** Where a sent welcome can be seen on X. */
export function sentLink(ctx: WelcomeContext): string | null {
  const { welcome, account } = ctx;
  if (welcome.xPostId) return `https://x.com/${account.handle}/status/${welcome.xPostId}`;
  if (welcome.xDmConversationId) return `https://x.com/messages/${welcome.xDmConversationId}`;
  return null;
}

/**
 * The card as it should look now. Availability and audit findings are recomputed from the current
 * state (both are cheap and pure), so a follower who wrote first since the card was posted unlocks the DM.
 */
export async function cardViewFor(desk: Desk, ctx: WelcomeContext): Promise<CardView> {
  const { welcome, follower, account } = ctx;
  const settings = accountSettings(account);
  const profile = follower.profile as FollowerProfile;
  const followerLang = welcome.lang as Lang;
  const lang = desk.lang;
  const triage = triageFollower(profile, { account: settings, engagedFirst: follower.engagedFirstAt !== null, now: desk.now(), lang: followerLang });
  const status = welcome.status as WelcomeStatus;
  const channel = (welcome.channel as Channel | null) ?? (triage.recommendation.channel === 'dm' ? 'dm' : 'mention');
  const text = welcome.finalText ?? welcome.draftText;
  const findings =
    text === ''
      ? []
      : auditWelcomeText({
          account,
          profile,
          text,
          channel,
          lang: followerLang,
          history: status === 'pending' ? await auditHistory(desk.db, account.id, follower.id, welcome.id) : undefined,
        }).findings;
  const decided = status !== 'pending';
  return {
    welcomeId: welcome.id,
    status,
    profile,
    lang,
    flags: triage.flags.map((flag) => ({ id: flag.id, kind: flag.kind, label: flag.label[lang] })),
    recommendation: { channel: triage.recommendation.channel, reason: triage.recommendation.reason[lang] },
    draft: welcome.draftText,
    findings,
    dm: { allowed: triage.dm.allowed, reason: triage.dm.reason?.[lang] ?? null },
    mention: { allowed: triage.mention.allowed, reason: triage.mention.reason?.[lang] ?? null },
    engagedFirst:
      follower.engagedFirstAt && follower.engagedFirstVia
        ? { via: follower.engagedFirstVia as 'dm' | 'mention', at: follower.engagedFirstAt.toISOString() }
        : null,
    sendMode: settings.sendMode,
    decision: decided
      ? {
          by: welcome.decidedBy ?? SYSTEM_ACTOR,
          at: (welcome.decidedAt ?? welcome.updatedAt).toISOString(),
          channel: welcome.channel as Channel | null,
          text: welcome.finalText,
          link: sentLink(ctx),
          error: welcome.error,
          queuePosition: status === 'approved' || status === 'sending' ? await queuePosition(desk, ctx) : null,
          expectedAt: null,
        }
      : null,
  };
}

/** 1 for the next welcome to leave on this account and channel. */
async function queuePosition(desk: Desk, ctx: WelcomeContext): Promise<number> {
  const [row] = await desk.db
    .select({ n: count() })
    .from(welcomes)
    .where(
      and(
        eq(welcomes.accountId, ctx.account.id),
        eq(welcomes.channel, ctx.welcome.channel ?? 'dm'),
        inArray(welcomes.status, ['approved', 'sending']),
        lt(welcomes.id, ctx.welcome.id),
      ),
    );
  return (row?.n ?? 0) + 1;
}

/** Posts the welcome's card, or updates it in place when it was posted before. Throws when Slack fails. */
export async function publishCard(desk: Desk, welcomeId: number): Promise<void> {
  const ctx = await getWelcomeContext(desk.db, welcomeId);
  if (!ctx) return;
  const message = buildWelcomeCard(await cardViewFor(desk, ctx));
  const { welcome } = ctx;
  if (welcome.slackTs) {
    await desk.slack.chat.update({ channel: welcome.slackChannelId, ts: welcome.slackTs, text: message.text, blocks: message.blocks });
    return;
  }
  const posted = await desk.slack.chat.postMessage({
    channel: welcome.slackChannelId,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ts) throw new Error('Slack accepted the card but returned no message timestamp');
  await setCardMessage(desk.db, welcome.id, posted.channel ?? welcome.slackChannelId, posted.ts);
  await logWelcomeEvent(desk.db, welcome.id, 'card-posted', SYSTEM_ACTOR, { ts: posted.ts });
}

/**
 * Brings the card up to date now, or — when Slack is failing — hands it to a durable job that keeps
 * trying with backoff. The welcome is safe in the database either way; only its picture is late.
 */
export async function refreshCard(desk: Desk, welcomeId: number): Promise<void> {
  try {
    await publishCard(desk, welcomeId);
  } catch (error) {
    desk.logger.warn({ welcomeId, err: errorSummary(error) }, 'could not publish the card now; queued a retry');
    await desk.boss.send(QUEUES.card, { welcomeId }, { singletonKey: String(welcomeId), retryLimit: 30, retryDelay: 5, retryBackoff: true });
  }
}

/** An error's name and message only: Slack errors can carry request data we do not want in logs. */
export function errorSummary(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
