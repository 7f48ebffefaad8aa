// What the desk knows about one follower: when they came, whether they wrote first, their one
// welcome if any — and so whether a new welcome would be allowed. Read-only.
import type { Db } from '../db/client';
import { findFollowerRecord, type FollowerRecord } from '../db/follower-history';
import type { FollowerRow, WelcomeRow, XAccountRow } from '../db/schema';
import type { Channel, FollowerProfile, SendError, WelcomeStatus } from '../domain';
import { sentLink } from './cards';

export interface WelcomeRecord {
  id: number;
  status: WelcomeStatus;
  channel: Channel | null;
  /** What was sent, or will be, or was tried; the draft while it is pending. */
  text: string;
  /** Slack user id of the teammate who decided, or "system". */
  decidedBy: string | null;
  decidedAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
  /** The post or conversation on X, once sent. */
  link: string | null;
  /** Why the send failed, as data; the bot words it. */
  error: SendError | null;
}

/**
 * Whether the desk may start a welcome for this follower. The house rule is one welcome per
 * follower, ever: any welcome row, whatever became of it, means no second one.
 */
export type NewWelcomeVerdict = { allowed: true } | { allowed: false; because: WelcomeRecord };

export interface FollowerHistory {
  accountHandle: string;
  xUserId: string;
  handle: string;
  name: string | null;
  /** baseline: already following when the desk started. */
  source: string;
  firstSeenAt: Date;
  unfollowedAt: Date | null;
  engagedFirst: { via: Channel; at: Date } | null;
  welcome: WelcomeRecord | null;
  newWelcome: NewWelcomeVerdict;
}

/** X handles are 1 to 15 letters, digits or underscores. */
export const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/** The history of the follower known by this handle (case-insensitive); null when the desk never saw them. */
export async function followerHistoryByHandle(db: Db, accountId: number, handle: string): Promise<FollowerHistory | null> {
  const bare = handle.trim().replace(/^@/, '');
  if (!X_HANDLE.test(bare)) return null;
  return historyOf(await findFollowerRecord(db, accountId, { handle: bare }));
}

/** The history of the follower with this X user id; null when the desk never saw them. */
export async function followerHistoryByXId(db: Db, accountId: number, xUserId: string): Promise<FollowerHistory | null> {
  return historyOf(await findFollowerRecord(db, accountId, { xUserId }));
}

function historyOf(row: FollowerRecord | undefined): FollowerHistory | null {
  return row ? toHistory(row.follower, row.welcome, row.account) : null;
}

function toHistory(follower: FollowerRow, welcome: WelcomeRow | null, account: XAccountRow): FollowerHistory {
  const record = welcome ? toRecord(welcome, follower, account) : null;
  const profile = follower.profile as FollowerProfile | null;
  return {
    accountHandle: account.handle,
    xUserId: follower.xUserId,
    handle: follower.handle,
    name: profile?.name ?? null,
    source: follower.source,
    firstSeenAt: follower.firstSeenAt,
    unfollowedAt: follower.unfollowedAt,
    engagedFirst:
      follower.engagedFirstAt && follower.engagedFirstVia
        ? { via: follower.engagedFirstVia, at: follower.engagedFirstAt }
        : null,
    welcome: record,
    newWelcome: record ? { allowed: false, because: record } : { allowed: true },
  };
}

function toRecord(welcome: WelcomeRow, follower: FollowerRow, account: XAccountRow): WelcomeRecord {
  return {
    id: welcome.id,
    status: welcome.status,
    channel: welcome.channel,
    text: welcome.finalText ?? welcome.draftText,
    decidedBy: welcome.decidedBy,
    decidedAt: welcome.decidedAt,
    sentAt: welcome.sentAt,
    createdAt: welcome.createdAt,
    link: sentLink({ welcome, follower, account }),
    error: welcome.errorKind ? { kind: welcome.errorKind, detail: welcome.errorDetail } : null,
  };
}
