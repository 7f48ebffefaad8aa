/** X's billing categories, as the digest names them. */
export const X_USAGE_CATEGORIES = [
  'owned-follower-read',
  'user-read',
  'dm-send',
  'post',
  'post-with-url',
  'dm-event-read',
  'post-read',
  'activity-event',
  'other',
] as const;
export type XUsageCategory = (typeof X_USAGE_CATEGORIES)[number];

/** One X call as it is counted: the account it acted for, its category and billed units. */
export interface XUsageEntry {
  /** The X user id of the account the call acted for. */
  xUserId: string;
  category: XUsageCategory;
  units: number;
  at: Date;
}
