// Approved welcomes straight in the database, for tests about what happens after approval.
import { upsertAccount } from '../../../src/db/accounts';
import type { Db } from '../../../src/db/client';
import { insertNewFollower } from '../../../src/db/followers';
import type { XAccountRow } from '../../../src/db/schema';
import { createWelcome, transitionWelcome } from '../../../src/db/welcomes';
import type { Channel, FollowerProfile } from '../../../src/domain';

export const SEED_ACCOUNT = { xUserId: '1500000000000000001', handle: 'maison_lumen', name: 'Maison Lumen' };

export function plainProfile(xUserId: string, name = `Fan ${xUserId.slice(-4)}`): FollowerProfile {
  return {
    xUserId,
    handle: `fan_${xUserId.slice(-6)}`,
    name,
    bio: 'Coffee, books and design.',
    location: null,
    url: null,
    createdAt: '2020-06-01T12:00:00.000Z',
    followersCount: 120,
    followingCount: 180,
    postsCount: 340,
    verified: false,
    protected: false,
    defaultAvatar: false,
    receivesYourDm: true,
    connectionStatus: ['followed_by'],
  };
}

export async function seedAccount(db: Db, identity = SEED_ACCOUNT): Promise<XAccountRow> {
  return upsertAccount(db, identity, { kind: 'business', dmPolicy: 'approved', sendMode: 'api', ownDomains: [], topics: [] }, 'C0DESK001');
}

/** A follower and their welcome, approved on `channel` by a teammate; the welcome id. */
export async function seedApproved(
  db: Db,
  account: XAccountRow,
  opts: { profile: FollowerProfile; channel: Channel; text?: string; at: Date },
): Promise<number> {
  const follower = (await insertNewFollower(db, account.id, opts.profile, 'poll'))!;
  const text = opts.text ?? `Thank you for following, ${opts.profile.name}! (${opts.profile.xUserId})`;
  const welcome = (await createWelcome(db, { accountId: account.id, followerId: follower.id, lang: 'en', templateId: null, triage: {}, draftText: text, slackChannelId: 'C0DESK001' }))!;
  await transitionWelcome(db, welcome.id, {
    from: ['pending'],
    to: 'approved',
    type: 'approved',
    actor: 'U0SEED001',
    set: { channel: opts.channel, finalText: text, decidedBy: 'U0SEED001', decidedAt: opts.at },
  });
  return welcome.id;
}

/** Most items in any window of `windowMs` (sliding, starting at each item). */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
