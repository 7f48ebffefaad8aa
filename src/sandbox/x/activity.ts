// What X sends to a webhook: the Account Activity API payloads (for_user_id, follow_events,
// direct_message_events, tweet_create_events, with v1.1 user and tweet objects) and the X Activity
// API envelope (data.event_type: follow.follow, dm.received, post.mention.create…), signed like X
// signs them. Shapes follow docs.x.com (x-api/account-activity/introduction, x-api/activity/event-payloads).
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { FollowerProfile } from '../../domain';
import type { FakeDm, FakePost, FakeXActivity, WebhookShape } from './types';
import type { XApiVersion } from './spec';
import { avatarUrl, renderUser, shortProfileUrl } from './users';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** v1.1 dates: "Thu Jan 29 18:27:49 +0000 2015". */
export function twitterDate(iso: string): string {
  const d = new Date(iso);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} +0000 ${d.getUTCFullYear()}`;
}

/**
 * A v1.1 user object. `id` is a JSON number, as in X's v1.1 objects: past 2^53 it loses digits
 * when parsed, which is why `id_str` exists and readers must prefer it.
 */
export function v1User(profile: FollowerProfile): Record<string, unknown> {
  const shortUrl = shortProfileUrl(profile);
  return {
    id: Number(profile.xUserId),
    id_str: profile.xUserId,
    name: profile.name,
    screen_name: profile.handle,
    location: profile.location,
    url: shortUrl,
    description: profile.bio,
    protected: profile.protected,
    verified: profile.verified,
    followers_count: profile.followersCount,
    friends_count: profile.followingCount,
    listed_count: 0,
    favourites_count: 0,
    statuses_count: profile.postsCount,
    created_at: profile.createdAt ? twitterDate(profile.createdAt) : undefined,
    profile_image_url_https: avatarUrl(profile),
    default_profile_image: profile.defaultAvatar,
    following: profile.connectionStatus.includes('following'),
    ...(shortUrl && profile.url
      ? { entities: { url: { urls: [{ url: shortUrl, expanded_url: profile.url, display_url: profile.url.replace(/^https?:\/\//, ''), indices: [0, 23] }] } } }
      : {}),
  };
}

// The user fields the X Activity API's samples carry: no receives_your_dm nor connection_status.
const ACTIVITY_USER_FIELDS = new Set(['created_at', 'description', 'entities', 'location', 'profile_image_url', 'protected', 'public_metrics', 'url', 'verified']);
const eventUuid = () => String(BigInt.asIntN(64, BigInt(`0x${randomBytes(8).toString('hex')}`)));

function xActivity(eventType: string, userId: string, payload: unknown, includes?: unknown): object {
  return { data: { event_uuid: eventUuid(), filter: { user_id: userId }, event_type: eventType, tag: 'accueil', payload, ...(includes ? { includes } : {}) } };
}

export interface ActivityContext {
  account: () => FollowerProfile;
  user: (id: string) => FollowerProfile | undefined;
  byHandle: (handle: string) => FollowerProfile | undefined;
  now: () => number;
  /** The API version whose user objects the X Activity API payloads carry. */
  version: XApiVersion;
}

export function activityPayloads(ctx: ActivityContext): FakeXActivity {
  const v2User = (profile: FollowerProfile) => renderUser(profile, ACTIVITY_USER_FIELDS, ctx.version);
  const known = (id: string) => {
    const user = id === ctx.account().xUserId ? ctx.account() : ctx.user(id);
    if (!user) throw new Error(`fake X: no user ${id}`);
    return user;
  };

  function followEvent(type: 'follow' | 'unfollow', source: FollowerProfile, target: FollowerProfile, shape: WebhookShape): object {
    const accountId = ctx.account().xUserId;
    if (shape === 'x-activity') {
      return xActivity(`follow.${type}`, accountId, { source: { data: v2User(source) }, target: { data: v2User(target) } });
    }
    return {
      for_user_id: accountId,
      follow_events: [{ type, created_timestamp: String(ctx.now()), target: v1User(target), source: v1User(source) }],
    };
  }

  return {
    follow: (follower, shape = 'account-activity') => followEvent('follow', follower, ctx.account(), shape),
    unfollow: (follower, shape = 'account-activity') => followEvent('unfollow', follower, ctx.account(), shape),
    accountFollowed: (user, shape = 'account-activity') => followEvent('follow', ctx.account(), user, shape),

    directMessage(dm: FakeDm, shape = 'account-activity') {
      const accountId = ctx.account().xUserId;
      const event = {
        type: 'message_create',
        id: dm.id,
        created_timestamp: String(Date.parse(dm.createdAt)),
        message_create: {
          target: { recipient_id: dm.recipientId },
          sender_id: dm.senderId,
          message_data: { text: dm.text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } },
        },
      };
      if (shape === 'x-activity') {
        const users = Object.fromEntries([dm.senderId, dm.recipientId].map((id) => [id, { data: v2User(known(id)) }]));
        return xActivity(dm.senderId === accountId ? 'dm.sent' : 'dm.received', accountId, { direct_message_events: [event], users });
      }
      const users = Object.fromEntries([dm.senderId, dm.recipientId].map((id) => [id, v1User(known(id))]));
      return { for_user_id: accountId, direct_message_events: [event], users };
    },

    post(post: FakePost, shape = 'account-activity') {
      const accountId = ctx.account().xUserId;
      const author = known(post.authorId);
      const mentions = [...post.text.matchAll(/(?<![\w@])@(\w{1,15})/g)].flatMap((m) => {
        const user = m[1]!.toLowerCase() === ctx.account().handle.toLowerCase() ? ctx.account() : ctx.byHandle(m[1]!);
        return user ? [{ user, start: m.index, end: m.index + m[0].length }] : [];
      });
      if (shape === 'x-activity') {
        const payload = {
          id: post.id,
          text: post.text,
          author_id: post.authorId,
          created_at: post.createdAt,
          edit_history_tweet_ids: [post.id],
          conversation_id: post.conversationId,
          ...(post.inReplyTo
            ? { in_reply_to_user_id: post.inReplyTo.userId, [ctx.version === '2.166' ? 'referenced_tweets' : 'referenced_posts']: [{ type: 'replied_to', id: post.inReplyTo.postId }] }
            : {}),
          ...(mentions.length ? { entities: { mentions: mentions.map((m) => ({ start: m.start, end: m.end, username: m.user.handle, id: m.user.xUserId })) } } : {}),
        };
        const type = post.authorId === accountId ? 'post.create' : 'post.mention.create';
        return xActivity(type, accountId, payload, { users: [v2User(author)], tweets: [payload] });
      }
      return {
        for_user_id: accountId,
        user_has_blocked: 'false',
        tweet_create_events: [
          {
            created_at: twitterDate(post.createdAt),
            id: Number(post.id),
            id_str: post.id,
            text: post.text,
            truncated: false,
            in_reply_to_status_id_str: post.inReplyTo?.postId ?? null,
            in_reply_to_user_id_str: post.inReplyTo?.userId ?? null,
            user: v1User(author),
            entities: {
              hashtags: [],
              urls: [],
              symbols: [],
              user_mentions: mentions.map((m) => ({
                screen_name: m.user.handle,
                name: m.user.name,
                id: Number(m.user.xUserId),
                id_str: m.user.xUserId,
                indices: [m.start, m.end],
              })),
            },
            lang: 'und',
            timestamp_ms: String(Date.parse(post.createdAt)),
          },
        ],
      };
    },
  };
}

const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

/** POSTs a payload the way X delivers to a webhook. */
export async function deliver(targetUrl: string, payload: unknown, consumerSecret: string): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-twitter-webhooks-signature': signature(consumerSecret, body) },
    body,
  });
  return { status: response.status, body: await response.text() };
}

const CRC_TIMEOUT_MS = 3000;

/** X's Challenge-Response Check: GET ?crc_token=…, expecting {"response_token":"sha256=<base64 HMAC>"}. */
export async function passesCrc(webhookUrl: string, consumerSecret: string): Promise<boolean> {
  const token = randomUUID();
  const url = new URL(webhookUrl);
  url.searchParams.set('crc_token', token);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(CRC_TIMEOUT_MS), redirect: 'manual' });
    if (response.status !== 200) return false;
    const answer = (await response.json()) as { response_token?: unknown };
    return answer.response_token === signature(consumerSecret, token);
  } catch {
    return false;
  }
}
