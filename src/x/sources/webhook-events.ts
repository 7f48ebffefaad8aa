// What an X webhook delivery means for the desk. Two shapes arrive: the Account Activity API's
// (`for_user_id` with `follow_events`, `direct_message_events`, `tweet_create_events`, carrying
// v1.1 user and tweet objects) and the X Activity API's envelope (`data.event_type` such as
// `follow.follow`, `dm.received`, `post.mention.create`, carrying v2 objects).
import type { UserV2 } from 'twitter-api-v2';
import { z } from 'zod';
import type { FollowerProfile } from '../../domain';
import { toFollowerProfile } from '../profile';

export type XWebhookEvent =
  | { kind: 'follow'; accountUserId: string; follower: FollowerProfile }
  | { kind: 'unfollow'; accountUserId: string; followerId: string }
  | { kind: 'engagement'; accountUserId: string; fromUserId: string; via: 'dm' | 'mention'; at: Date; message: WebhookMessage | null };

/** What they wrote, when the delivery carries it: X's id for it (DM event or post), the text, the post it replies to. */
export interface WebhookMessage {
  xId: string;
  text: string;
  inReplyToXId: string | null;
}

/** A delivery whose JSON does not have the shape X documents. */
export class MalformedDelivery extends Error {
  override readonly name = 'MalformedDelivery';
}

const numericId = z.string().regex(/^\d{1,20}$/);

// v1.1 objects carry `id_str`, and `id` as a string in some payloads and a JSON number in others;
// a number past 2^53 has already lost digits in JSON.parse, so it only counts when it is exact.
const v1Ids = {
  id: z.union([z.string(), z.number()]).nullish(),
  id_str: z.string().nullish(),
};
function v1IdOf(o: { id?: string | number | null; id_str?: string | null }): string | null {
  if (o.id_str && /^\d{1,20}$/.test(o.id_str)) return o.id_str;
  if (typeof o.id === 'string' && /^\d{1,20}$/.test(o.id)) return o.id;
  if (typeof o.id === 'number' && Number.isSafeInteger(o.id) && o.id > 0) return String(o.id);
  return null;
}
const withV1Id = <T extends { id?: string | number | null; id_str?: string | null }>(o: T) => ({ ...o, xId: v1IdOf(o) });
const hasV1Id = (o: { xId: string | null }) => o.xId !== null;
const NO_ID = { message: 'no exact user id (id_str)' };

const v1User = z
  .object({
    ...v1Ids,
    screen_name: z.string().nullish(),
    name: z.string().nullish(),
    description: z.string().nullish(),
    location: z.string().nullish(),
    url: z.string().nullish(),
    entities: z
      .object({ url: z.object({ urls: z.array(z.object({ url: z.string().nullish(), expanded_url: z.string().nullish() })) }).nullish() })
      .nullish(),
    created_at: z.string().nullish(),
    created_timestamp: z.string().nullish(),
    followers_count: z.number().nullish(),
    friends_count: z.number().nullish(),
    statuses_count: z.number().nullish(),
    verified: z.boolean().nullish(),
    protected: z.boolean().nullish(),
    default_profile_image: z.boolean().nullish(),
    profile_image_url_https: z.string().nullish(),
    following: z.boolean().nullish(),
  })
  .transform(withV1Id)
  .refine(hasV1Id, NO_ID);
type V1User = z.infer<typeof v1User>;

const followEvent = z.object({ type: z.string(), source: v1User, target: v1User });

const dmEvent = z.object({
  type: z.string(),
  id: z.string().nullish(),
  created_timestamp: z.string().nullish(),
  message_create: z
    .object({ sender_id: numericId, message_data: z.object({ text: z.string().nullish() }).nullish() })
    .nullish(),
});
type DmEvent = z.infer<typeof dmEvent>;

const v1Entities = z
  .object({ user_mentions: z.array(z.object(v1Ids).transform(withV1Id)).nullish() })
  .nullish();

const v1Tweet = z.object({
  ...v1Ids,
  text: z.string().nullish(),
  full_text: z.string().nullish(),
  in_reply_to_status_id_str: z.string().nullish(),
  created_at: z.string().nullish(),
  timestamp_ms: z.string().nullish(),
  user: v1User,
  entities: v1Entities,
  extended_tweet: z.object({ entities: v1Entities, full_text: z.string().nullish() }).nullish(),
  in_reply_to_user_id_str: z.string().nullish(),
  retweeted_status: z.unknown().optional(),
});

const flag = z.union([z.boolean(), z.string()]).nullish();

// The Account Activity docs list `unfollow_events` as their own message type and name the blocked
// flag `is_blocked_by`; deliveries have also carried unfollows in `follow_events` and the flag as
// `user_has_blocked`. Both spellings are read.
const accountActivity = z.object({
  for_user_id: numericId,
  user_has_blocked: flag,
  is_blocked_by: flag,
  follow_events: z.array(followEvent).nullish(),
  unfollow_events: z.array(followEvent).nullish(),
  direct_message_events: z.array(dmEvent).nullish(),
  tweet_create_events: z.array(v1Tweet).nullish(),
});

const v2User = z.looseObject({ id: numericId, username: z.string(), name: z.string() });
// The X Activity API wraps each user as { data: user }.
const wrappedV2User = z.union([z.object({ data: v2User }).transform((w) => w.data), v2User]);

const xActivity = z.object({
  data: z.object({
    event_type: z.string(),
    filter: z.object({ user_id: numericId.nullish() }).nullish(),
    payload: z.unknown(),
  }),
});
const followPayload = z.object({ source: wrappedV2User, target: wrappedV2User });
const dmPayload = z.object({ direct_message_events: z.array(dmEvent) });
const v2References = z.array(z.object({ type: z.string(), id: z.string() })).nullish();
const mentionPayload = z.object({
  id: z.string().nullish(),
  text: z.string().nullish(),
  author_id: numericId,
  created_at: z.string().nullish(),
  referenced_tweets: v2References,
  referenced_posts: v2References,
});

const AAA_KEYS = ['for_user_id', 'follow_events', 'unfollow_events', 'direct_message_events', 'tweet_create_events'];

/**
 * The events in one delivery that matter to the desk: follows of the account (never the
 * account's own follows), unfollows, and DMs or mentions written to the account by someone else.
 * Anything else X sends (likes, typing indicators, replay notices…) reads as no event.
 * @throws MalformedDelivery when the body does not have X's shape.
 */
export function readDelivery(body: unknown): XWebhookEvent[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new MalformedDelivery('the body is not a JSON object');
  const data = (body as { data?: unknown }).data;
  if (typeof data === 'object' && data !== null && 'event_type' in data) return readXActivity(parse(xActivity, body));
  if (AAA_KEYS.some((key) => key in body)) return readAccountActivity(parse(accountActivity, body));
  return [];
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new MalformedDelivery(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

function readAccountActivity(delivery: z.infer<typeof accountActivity>): XWebhookEvent[] {
  const account = delivery.for_user_id;
  const events: XWebhookEvent[] = [];
  for (const follow of delivery.follow_events ?? []) {
    // Only follows of the account: the account's own follows of others have someone else as target.
    if (follow.target.xId !== account) continue;
    if (follow.type === 'follow') events.push({ kind: 'follow', accountUserId: account, follower: fromV1User(follow.source) });
    if (follow.type === 'unfollow') events.push({ kind: 'unfollow', accountUserId: account, followerId: follow.source.xId! });
  }
  for (const unfollow of delivery.unfollow_events ?? []) {
    if (unfollow.target.xId === account) events.push({ kind: 'unfollow', accountUserId: account, followerId: unfollow.source.xId! });
  }
  events.push(...engagementsInDms(account, delivery.direct_message_events ?? []));
  const isSet = (value: boolean | string | null | undefined) => value === true || value === 'true';
  const blocked = isSet(delivery.user_has_blocked) || isSet(delivery.is_blocked_by);
  for (const tweet of delivery.tweet_create_events ?? []) {
    const author = tweet.user.xId!;
    // The account's own posts, reposts and posts by someone it blocked are not someone writing to it.
    if (author === account || tweet.retweeted_status !== undefined || blocked) continue;
    const mentioned = [...(tweet.entities?.user_mentions ?? []), ...(tweet.extended_tweet?.entities?.user_mentions ?? [])];
    if (!mentioned.some((m) => m.xId === account) && tweet.in_reply_to_user_id_str !== account) continue;
    const id = v1IdOf(tweet);
    const text = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
    const message = id ? { xId: id, text, inReplyToXId: tweet.in_reply_to_status_id_str ?? null } : null;
    events.push({ kind: 'engagement', accountUserId: account, fromUserId: author, via: 'mention', at: dateOf(tweet.timestamp_ms, tweet.created_at), message });
  }
  return events;
}

function readXActivity({ data }: z.infer<typeof xActivity>): XWebhookEvent[] {
  const account = data.filter?.user_id;
  if (!account) return [];
  switch (data.event_type) {
    case 'follow.follow':
    case 'follow.unfollow': {
      const { source, target } = parse(followPayload, data.payload);
      if (target.id !== account) return [];
      if (data.event_type === 'follow.unfollow') return [{ kind: 'unfollow', accountUserId: account, followerId: source.id }];
      const profile = toFollowerProfile(source as UserV2);
      return [{ kind: 'follow', accountUserId: account, follower: { ...profile, connectionStatus: followedBy(profile.connectionStatus) } }];
    }
    case 'dm.received':
    case 'dm.sent':
      return engagementsInDms(account, parse(dmPayload, data.payload).direct_message_events);
    case 'post.mention.create': {
      const post = parse(mentionPayload, data.payload);
      if (post.author_id === account) return [];
      const repliedTo = (post.referenced_posts ?? post.referenced_tweets ?? []).find((ref) => ref.type === 'replied_to')?.id ?? null;
      const message = post.id ? { xId: post.id, text: post.text ?? '', inReplyToXId: repliedTo } : null;
      return [{ kind: 'engagement', accountUserId: account, fromUserId: post.author_id, via: 'mention', at: dateOf(null, post.created_at), message }];
    }
    default:
      return [];
  }
}

function engagementsInDms(account: string, dms: DmEvent[]): XWebhookEvent[] {
  return dms.flatMap((dm): XWebhookEvent[] => {
    const message = dm.message_create;
    // The account's own DMs (the welcome included) are not the follower writing first.
    if (dm.type !== 'message_create' || !message || message.sender_id === account) return [];
    const written = dm.id ? { xId: dm.id, text: message.message_data?.text ?? '', inReplyToXId: null } : null;
    return [{ kind: 'engagement', accountUserId: account, fromUserId: message.sender_id, via: 'dm', at: dateOf(dm.created_timestamp, null), message: written }];
  });
}

// X serves every never-customised avatar from this folder.
const DEFAULT_AVATAR_MARKER = 'default_profile_images';

/** A v1.1 user object as the card sees it. v1.1 does not say whether they accept your DMs. */
function fromV1User(user: V1User): FollowerProfile {
  if (!user.screen_name || !user.name) throw new MalformedDelivery('a follow event without the follower\'s screen_name and name');
  const expanded = user.entities?.url?.urls.find((u) => u.url === user.url)?.expanded_url ?? user.entities?.url?.urls[0]?.expanded_url;
  return {
    xUserId: user.xId!,
    handle: user.screen_name,
    name: user.name,
    bio: user.description ?? '',
    location: nonEmpty(user.location),
    url: nonEmpty(expanded) ?? nonEmpty(user.url),
    createdAt: isoOrNull(user.created_timestamp, user.created_at),
    followersCount: user.followers_count ?? 0,
    followingCount: user.friends_count ?? 0,
    postsCount: user.statuses_count ?? 0,
    verified: user.verified ?? false,
    protected: user.protected ?? false,
    defaultAvatar: user.default_profile_image ?? user.profile_image_url_https?.includes(DEFAULT_AVATAR_MARKER) ?? false,
    receivesYourDm: null,
    connectionStatus: followedBy(user.following === true ? ['following'] : []),
  };
}

/** They just followed the account, whatever the payload's snapshot says. */
const followedBy = (status: string[]) => (status.includes('followed_by') ? status : ['followed_by', ...status]);

const nonEmpty = (value: string | null | undefined) => (value === null || value === undefined || value.trim() === '' ? null : value);

/** From epoch milliseconds ("1517588749178") or a date X wrote ("Mon Mar 26 16:33:26 +0000 2018", or ISO 8601). */
function isoOrNull(millis: string | null | undefined, written: string | null | undefined): string | null {
  const fromMillis = millis && /^\d+$/.test(millis) ? Number(millis) : Number.NaN;
  const at = Number.isFinite(fromMillis) ? fromMillis : written ? Date.parse(written) : Number.NaN;
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

// A message X did not date is dated on arrival: webhooks deliver within seconds.
function dateOf(millis: string | null | undefined, written: string | null | undefined): Date {
  const iso = isoOrNull(millis, written);
  return iso ? new Date(iso) : new Date();
}
