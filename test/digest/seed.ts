import type { WelcomeEventType } from '../../src/domain';
import type { Db } from '../../src/db/client';
import { auditRuns, engagements, followChanges, followerChecks, followers, welcomeEvents, welcomes, xAccounts, xApiUsage } from '../../src/db/schema';
import { setXPriceRow } from '../helpers/rows';

// A small history whose digest is worked out by hand (see the expectations in figures.test.ts).
// The digest's week is [2026-03-02T08:00Z, 2026-03-09T08:00Z): Monday 09:00 in Paris.

export const DIGEST_END = new Date('2026-03-09T08:00:00Z');
export const X_USER_ID = '100';

const t = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

interface Story {
  handle: string;
  seen: string;
  source?: 'poll' | 'baseline';
  welcome?: {
    status: 'sent' | 'skipped' | 'expired' | 'pending';
    channel?: 'dm' | 'mention';
    template?: string;
    by?: string;
    /** Hours from follow to decision. */
    decidedAfter?: number;
    manual?: boolean;
    editedBy?: string;
  };
}

export async function seedDigestHistory(db: Db): Promise<Record<string, { followerId: number; welcomeId: number | null; decidedAt: Date | null }>> {
  const [account] = await db.insert(xAccounts).values({ xUserId: X_USER_ID, handle: 'maison_lumen', slackChannelId: 'C0DESK' }).returning();
  const stories: Story[] = [
    { handle: 'f1', seen: '2026-03-03T08:00:00Z', welcome: { status: 'sent', channel: 'dm', template: 'fr-dm-1', by: 'U0ALICE1', decidedAfter: 2 } },
    { handle: 'f2', seen: '2026-03-03T08:00:00Z', welcome: { status: 'sent', channel: 'mention', template: 'fr-mention-1', by: 'U0BOB001', decidedAfter: 4, editedBy: 'U0BOB001' } },
    { handle: 'f3', seen: '2026-03-03T08:00:00Z', welcome: { status: 'sent', channel: 'dm', template: 'fr-dm-2', by: 'U0ALICE1', decidedAfter: 6, manual: true } },
    { handle: 'f4', seen: '2026-03-03T08:00:00Z', welcome: { status: 'skipped', by: 'U0BOB001', decidedAfter: 8 } },
    { handle: 'f5', seen: '2026-03-03T08:00:00Z', welcome: { status: 'expired', decidedAfter: 7 * 24 - 48 } },
    { handle: 'f6', seen: '2026-03-05T08:00:00Z', welcome: { status: 'pending' } },
    { handle: 'f7', seen: '2026-02-20T08:00:00Z', welcome: { status: 'sent', channel: 'dm', template: 'fr-dm-1', by: 'U0ALICE1', decidedAfter: 26 } },
    { handle: 'f8', seen: '2026-03-04T08:00:00Z', source: 'baseline' },
    { handle: 'f9', seen: '2026-02-20T08:00:00Z', welcome: { status: 'skipped', by: 'U0BOB001', decidedAfter: 4 } },
  ];
  const made: Record<string, { followerId: number; welcomeId: number | null; decidedAt: Date | null }> = {};
  for (const story of stories) {
    const seen = t(story.seen);
    const [follower] = await db
      .insert(followers)
      .values({ accountId: account!.id, xUserId: `2${story.handle.slice(1)}`, handle: story.handle, source: story.source ?? 'poll', firstSeenAt: seen })
      .returning();
    const w = story.welcome;
    if (!w) {
      made[story.handle] = { followerId: follower!.id, welcomeId: null, decidedAt: null };
      continue;
    }
    const decidedAt = w.decidedAfter === undefined ? null : new Date(seen.getTime() + w.decidedAfter * HOUR);
    const sentAt = w.status === 'sent' ? decidedAt : null;
    const [welcome] = await db
      .insert(welcomes)
      .values({
        accountId: account!.id,
        followerId: follower!.id,
        status: w.status,
        channel: w.channel ?? null,
        lang: 'fr',
        templateId: w.template ?? null,
        triage: {},
        draftText: 'Merci de nous suivre !',
        finalText: w.status === 'sent' ? 'Merci de nous suivre !' : null,
        decidedBy: w.by ?? null,
        decidedAt,
        sentAt,
        slackChannelId: 'C0DESK',
        createdAt: seen,
      })
      .returning();
    const event = (type: WelcomeEventType, actor: string, at: Date) => db.insert(welcomeEvents).values({ welcomeId: welcome!.id, type, actor, at });
    await event('created', 'system', seen);
    if (w.editedBy) await event('edited', w.editedBy, new Date(seen.getTime() + HOUR));
    if (w.status === 'sent') {
      await event('approved', w.by!, decidedAt!);
      await event(w.manual ? 'sent-manually' : 'sent', w.manual ? w.by! : 'system', decidedAt!);
    }
    if (w.status === 'skipped') await event('skipped', w.by!, decidedAt!);
    if (w.status === 'expired') await event('expired', 'system', decidedAt!);
    made[story.handle] = { followerId: follower!.id, welcomeId: welcome!.id, decidedAt };
  }

  const accountId = account!.id;
  await db.insert(engagements).values([
    { accountId, followerId: made.f1!.followerId, welcomeId: made.f1!.welcomeId, kind: 'reply', via: 'dm', xId: 'e1', at: t('2026-03-03T10:30:00Z'), secondsToEngage: 1800 },
    { accountId, followerId: made.f7!.followerId, welcomeId: made.f7!.welcomeId, kind: 'reply', via: 'mention', xId: 'e2', at: t('2026-02-22T09:00:00Z'), secondsToEngage: 77_400 },
    { accountId, followerId: made.f4!.followerId, welcomeId: made.f4!.welcomeId, kind: 'first', via: 'mention', xId: 'e3', at: t('2026-03-05T09:00:00Z'), secondsToEngage: null },
  ]);

  const checks = (handle: string, cohort: 'welcomed' | 'control', results: Partial<Record<1 | 7 | 30, boolean>>) => {
    const anchor = made[handle]!.decidedAt!;
    return ([1, 7, 30] as const).map((d) => ({
      accountId,
      followerId: made[handle]!.followerId,
      cohort,
      offsetDays: d,
      anchorAt: anchor,
      dueAt: new Date(anchor.getTime() + d * 24 * HOUR),
      checkedAt: results[d] === undefined ? null : new Date(anchor.getTime() + d * 24 * HOUR),
      following: results[d] ?? null,
      found: results[d] === undefined ? null : true,
    }));
  };
  await db.insert(followerChecks).values([
    ...checks('f1', 'welcomed', { 1: true }),
    ...checks('f7', 'welcomed', { 1: true, 7: false }),
    ...checks('f4', 'control', { 1: true }),
    ...checks('f5', 'control', {}),
    ...checks('f9', 'control', { 1: true, 7: true }),
  ]);
  await db.insert(followChanges).values({ accountId, followerId: made.f7!.followerId, change: 'unfollowed', seenAt: t('2026-02-28T10:00:00Z') });

  await db.insert(auditRuns).values([
    { accountId, source: 'card', verdict: 'fail', ruleIds: ['missing-thanks', 'sales-pitch'], at: t('2026-03-03T08:00:01Z') },
    { accountId, source: 'edit', verdict: 'warn', ruleIds: ['missing-thanks'], at: t('2026-03-04T08:00:00Z') },
    { accountId: null, source: 'slash', verdict: 'fail', ruleIds: ['max-one-link'], at: t('2026-03-06T08:00:00Z') },
    { accountId, source: 'card', verdict: 'fail', ruleIds: ['too-long'], at: t('2026-02-25T08:00:00Z') },
  ]);

  await db.insert(xApiUsage).values([
    { xUserId: X_USER_ID, day: '2026-03-03', category: 'user-read', calls: 2, units: 150 },
    { xUserId: X_USER_ID, day: '2026-03-04', category: 'dm-send', calls: 1, units: 1 },
    // The digest day itself belongs to next week's digest; another account's calls are not ours.
    { xUserId: X_USER_ID, day: '2026-03-09', category: 'post', calls: 1, units: 1 },
    { xUserId: '999', day: '2026-03-04', category: 'dm-send', calls: 5, units: 5 },
  ]);
  // A team that negotiated another price: the table, not the default, is what counts.
  await setXPriceRow(db, 'dm-send', 0.02, 'message');
  return made;
}
