// What the tests see of the fake X.
import type { FollowerProfile } from '../../domain';
import type { FakeXCredentials } from './auth';
import type { XApiVersion } from './spec';

export type { FakeXCredentials } from './auth';

export interface FakeXAccount {
  id: string;
  handle: string;
  name: string;
}

export interface FakeXOptions {
  account?: FakeXAccount;
  credentials?: FakeXCredentials;
  /** The clock for timestamps and rate-limit windows (OAuth timestamps use the real clock, as the client does). */
  now?: () => number;
  /** Answer 429 past X's limits: DMs 15 per 15 min and 1,440 per 24 h, posts 100 per 15 min, reads of GET /2/dm_events 15 per 15 min. */
  enforceRateLimits?: boolean;
  /** The version of X's API description it speaks and checks requests against (default 2.167, what api.x.com serves). */
  version?: XApiVersion;
}

/**
 * An injected answer: an HTTP error, or the connection dropped without any answer. With
 * `afterApplying`, X carries the request out first (the DM is sent, the post published) and only
 * the answer is replaced or lost — the case a client cannot tell from a request that never arrived.
 */
export type FakeXFailure =
  | { status: number; body?: unknown; headers?: Record<string, string>; afterApplying?: boolean }
  | { drop: true; afterApplying?: boolean };

export interface FakeXMatch {
  method?: string;
  /** A RegExp on the path, or a path such as '/2/tweets' or a template such as '/2/users/:id/followers'. */
  path: RegExp | string;
}

export interface FakeXRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | 'dropped';
}

/** A request X's description does not allow, refused with a 400 and X's words. */
export interface FakeXRefusal extends FakeXRequest {
  message: string;
}

export interface FakeDm {
  id: string;
  conversationId: string;
  senderId: string;
  recipientId: string;
  text: string;
  createdAt: string;
}

export interface FakePost {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  /** The first post of its thread (its own id when it starts one). */
  conversationId: string;
  inReplyTo?: { postId: string; userId: string };
  /** The post this one replies to (`reply.in_reply_to_tweet_id`), for the account's own posts. */
  inReplyToId?: string | null;
}

export interface FakeWebhook {
  id: string;
  url: string;
  valid: boolean;
  createdAt: string;
  /** Accounts subscribed to it through the Account Activity API. */
  subscribedUserIds: string[];
}

/** account-activity: the Account Activity API (for_user_id, follow_events…); x-activity: the X Activity API envelope (follow.follow…). */
export type WebhookShape = 'account-activity' | 'x-activity';

/** Webhook payloads in X's shapes, for things that happened on this fake. */
export interface FakeXActivity {
  /** `follower` followed the account. */
  follow(follower: FollowerProfile, shape?: WebhookShape): object;
  /** `follower` stopped following the account. */
  unfollow(follower: FollowerProfile, shape?: WebhookShape): object;
  /** The account itself followed `user`. */
  accountFollowed(user: FollowerProfile, shape?: WebhookShape): object;
  /** A DM in the account's conversations, whoever sent it. */
  directMessage(dm: FakeDm, shape?: WebhookShape): object;
  /** A post by anyone: a mention of the account, or the account's own post. */
  post(post: FakePost, shape?: WebhookShape): object;
}

export interface FakeX {
  /** Base URL, e.g. http://127.0.0.1:PORT — what X_API_URL points at. */
  url: string;
  account: FakeXAccount;
  credentials: FakeXCredentials;
  /** Everything createXClient needs to talk to this fake. */
  clientCredentials: FakeXCredentials & { apiUrl: string };
  close(): Promise<void>;

  /** A new follower, newest first like X; re-following moves them back to the top. */
  addFollower(profile?: Partial<FollowerProfile>): FollowerProfile;
  /** Many plain followers at once (100,000 in well under a second). */
  addFollowers(count: number): void;
  /** Someone X knows who does not follow the account. */
  addUser(profile?: Partial<FollowerProfile>): FollowerProfile;
  removeFollower(id: string): void;
  /** X suspends the account: user lookups answer 200 with a "User has been suspended" error instead of the user. */
  suspend(id: string): void;
  followerCount(): number;
  user(id: string): FollowerProfile | undefined;

  /** The person writes a DM to the account. */
  writeDm(fromUserId: string, text: string): FakeDm;
  /** The person posts something mentioning the account (@handle is added when missing). */
  mention(fromUserId: string, text: string): FakePost;
  /** The person replies to a post (the account's welcome, say). */
  reply(fromUserId: string, postId: string, text: string): FakePost;

  /** A new follower arrives (as addFollower), with the follow event X would deliver to a webhook for it. */
  follow(profile?: Partial<FollowerProfile>, shape?: WebhookShape): { follower: FollowerProfile; payload: object };
  activity: FakeXActivity;
  /** POSTs a payload to a webhook the way X delivers it: JSON, signed with the app's consumer secret. */
  deliverWebhook(targetUrl: string, payload: unknown): Promise<{ status: number; body: string }>;
  /** Webhooks registered through POST /2/webhooks. */
  webhooks(): FakeWebhook[];
  /** Marks a webhook invalid, as X does after its CRC checks keep failing. */
  invalidateWebhook(id: string): void;

  /** DMs the account sent through the API. */
  sentDms: FakeDm[];
  /** Posts the account published through the API. */
  posts: FakePost[];
  /** Users returned by the followers endpoint: what X bills as owned reads. */
  usersReturned: number;
  requests: FakeXRequest[];
  /** Requests to routes this fake does not serve, or that X's description lacks (answered 404). */
  unhandled: FakeXRequest[];
  /** The API version it speaks. */
  version: XApiVersion;
  /** Requests refused for what X's description does not allow: unknown parameters, values, ranges, bodies. */
  refused: FakeXRefusal[];
  /** Answers of the fake's own that stray from the description's shapes (a bug in the fake). */
  offSpecAnswers: string[];
  /** Every answer waits this long first, as a slow X would (benchmarks); 0 by default. */
  latencyMs: number;
  /** The next `times` correctly signed requests matching `match` get `response` instead of the real answer. */
  failNext(match: FakeXMatch, response: FakeXFailure, times?: number): void;
}
