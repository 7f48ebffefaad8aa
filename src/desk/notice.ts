import { accountSettings } from '../db/accounts';
import { insertNewFollower, markEngagedFirst } from '../db/followers';
import { carded } from '../db/tracking';
import type { XAccountRow } from '../db/schema';
import { createWelcome } from '../db/welcomes';
import type { Channel, FollowerProfile, Lang } from '../domain';
import { draftWelcome, type DraftTemplate } from '../rules/draft';
import { triageFollower, type Triage } from '../rules/triage';
import { randomTemplatePicker } from '../tracking/templates';
import { hasWrittenFirst, type WrittenMessage } from '../x/api';
import { auditWelcomeText } from './audit';
import { receiveMessage } from './conversation';
import { errorSummary } from './cards';
import { modelDraftsFor } from './model-draft';
import type { Desk, NoticeDesk } from './desk';
import { accountDraftOptions, draftTemplatesFor } from './templates';

/** How many templates to try before giving up on a draft that passes the audit. */
const DRAFT_ATTEMPTS = 6;

/**
 * A new follower becomes a welcome waiting for a human, and a card in the desk channel. Returns the
 * welcome id, or null when this follower was already known (another process, or an earlier follow).
 */
export async function noticeFollower(
  desk: NoticeDesk,
  account: XAccountRow,
  profile: FollowerProfile,
  source: 'poll' | 'webhook' | 'manual',
): Promise<number | null> {
  const follower = await insertNewFollower(desk.db, account.id, profile, source, desk.now());
  if (!follower) return null;

  const engaged = await lookUpEngagement(desk, account, profile);
  if (engaged) await markEngagedFirst(desk.db, follower.id, engaged.via, engaged.at, engaged.xId);

  const settings = accountSettings(account);
  const triage = triageFollower(profile, { account: settings, engagedFirst: engaged !== null, sentDm: engaged?.via === 'dm', now: desk.now() });
  // A draft for each channel, written for it: the DM may open later, when they write.
  const primary: Channel = triage.recommendation.channel === 'dm' ? 'dm' : 'mention';
  const drafts = await templateDrafts(desk, account, profile, triage);
  // With a language model (DRAFT_MODEL_URL), it writes the drafts instead, within its timeout; the template drafts are the fallback.
  const model = desk.model ? await modelDraftsFor(desk, desk.model, { account, profile, triage }) : null;
  const draft = drafts[primary];
  const welcome = await createWelcome(desk.db, {
    accountId: account.id,
    followerId: follower.id,
    lang: triage.lang,
    // A model's draft is its own arm in the statistics: no template key, the model's name.
    ...(model
      ? { templateId: null, templateVersion: null, draftSource: 'model' as const, draftModel: model.name }
      : { templateId: draft.templateId, templateVersion: draft.templateVersion }),
    triage: { flags: triage.flags.map((flag) => flag.id), likelyBot: triage.likelyBot, recommendation: triage.recommendation.channel, topic: triage.topic },
    draftText: model ? model.drafts[primary] : draft.text,
    drafts: model ? model.drafts : { dm: drafts.dm.text, mention: drafts.mention.text },
    slackChannelId: account.slackChannelId,
    createdAt: desk.now(),
  });
  if (!welcome) return null;
  desk.logger.info({ welcomeId: welcome.id, follower: profile.handle, source }, 'new follower: card queued');
  await desk.cards.refresh(welcome.id);
  // What they wrote before their card existed opens its thread, and counts, as any later message would.
  if (engaged && engaged.messages.length > 0) {
    const who = (await carded(desk.db, account.id, [profile.xUserId])).get(profile.xUserId);
    if (who) {
      for (const message of engaged.messages) {
        const at = message.at ? new Date(message.at) : desk.now();
        await receiveMessage(desk, who, { via: message.via, xId: message.xId, text: message.text, inReplyToXId: null, at });
      }
    }
  }
  return welcome.id;
}

/** Whether they wrote first; when X cannot tell us, the card says nothing rather than guessing. */
async function lookUpEngagement(
  desk: Pick<Desk, 'xClient' | 'logger' | 'now'>,
  account: XAccountRow,
  profile: FollowerProfile,
): Promise<{ via: 'dm' | 'mention'; at: Date; xId: string | null; messages: WrittenMessage[] } | null> {
  try {
    const wrote = await hasWrittenFirst(desk.xClient(account), { accountUserId: account.xUserId, followerId: profile.xUserId });
    return wrote.wrote && wrote.via ? { via: wrote.via, at: wrote.at ? new Date(wrote.at) : desk.now(), xId: wrote.xId, messages: wrote.messages } : null;
  } catch (error) {
    desk.logger.warn({ follower: profile.handle, err: errorSummary(error) }, 'could not tell whether the follower wrote first');
    return null;
  }
}

/** The template drafts of both channels for a follower: what a card starts from, and what a model's draft falls back to. */
export async function templateDrafts(
  desk: Pick<Desk, 'db' | 'random'>,
  account: XAccountRow,
  profile: FollowerProfile,
  triage: Triage,
): Promise<Record<Channel, { text: string; templateId: string | null; templateVersion: number | null }>> {
  const [dm, mention] = await Promise.all([draftTemplatesFor(desk.db, account.id, triage.lang, 'dm'), draftTemplatesFor(desk.db, account.id, triage.lang, 'mention')]);
  // Drawn in a fixed order, so a seeded `random` (the demo's history) gives the same drafts every run.
  return {
    dm: draftThatPassesAudit(profile, triage, account, 'dm', dm, desk.random),
    mention: draftThatPassesAudit(profile, triage, account, 'mention', mention, desk.random),
  };
}

/**
 * The first template for this channel whose draft passes the audit without an error. A draft with an error never
 * reaches a card: when none passes, or the team has no live template for this language and channel, the card
 * offers an empty draft for the teammate to write. `templates`: the account's live ones (src/desk/templates.ts).
 */
export function draftThatPassesAudit(
  profile: FollowerProfile,
  triage: Triage,
  account: XAccountRow,
  channel: Channel,
  templates: readonly DraftTemplate[] | 'built-in' = 'built-in',
  draw?: (n: number) => number,
): { text: string; templateId: string | null; templateVersion: number | null } {
  const lang: Lang = triage.lang;
  const none = { text: '', templateId: null, templateVersion: null };
  if (templates !== 'built-in' && templates.length === 0) return none;
  // Templates are experiments: each draft starts from one drawn at random, logged with the welcome.
  const picker = randomTemplatePicker(draw);
  for (let attempt = 0; attempt < DRAFT_ATTEMPTS; attempt++) {
    const draft = draftWelcome({
      ...accountDraftOptions(account, profile, triage, channel),
      ...(templates === 'built-in' ? {} : { templates }),
      pick: picker(attempt),
    });
    // An empty text: the template has a required slot this follower leaves empty; try the next one.
    if (!draft.text) continue;
    const report = auditWelcomeText({ account, profile, text: draft.text, channel, lang });
    if (report.verdict !== 'fail') return draft;
  }
  return none;
}
