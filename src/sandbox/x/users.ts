// X's user object (API v2) as the fake renders it from a profile.
import type { FollowerProfile } from '../../domain';
import type { XApiVersion } from './spec';

export const DEFAULT_AVATAR = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';

export const avatarUrl = (profile: FollowerProfile) =>
  profile.defaultAvatar ? DEFAULT_AVATAR : `https://pbs.twimg.com/profile_images/${profile.xUserId}/avatar_normal.jpg`;

/** The t.co link X shows in place of a profile's own link. */
export const shortProfileUrl = (profile: FollowerProfile) =>
  profile.url ? `https://t.co/${Buffer.from(profile.xUserId).toString('base64url').slice(-10)}` : null;

export function renderUser(profile: FollowerProfile, fields: Set<string>, version: XApiVersion): Record<string, unknown> {
  const user: Record<string, unknown> = { id: profile.xUserId, name: profile.name, username: profile.handle };
  const shortUrl = shortProfileUrl(profile);
  if (fields.has('description')) user.description = profile.bio;
  if (fields.has('location') && profile.location) user.location = profile.location;
  if (fields.has('url')) user.url = shortUrl ?? '';
  if (fields.has('entities') && profile.url && shortUrl) {
    const display = profile.url.replace(/^https?:\/\//, '').slice(0, 30);
    user.entities = { url: { urls: [{ start: 0, end: 23, url: shortUrl, expanded_url: profile.url, display_url: display }] } };
  }
  if (fields.has('created_at') && profile.createdAt) user.created_at = profile.createdAt;
  if (fields.has('profile_image_url')) user.profile_image_url = avatarUrl(profile);
  if (fields.has('protected')) user.protected = profile.protected;
  if (fields.has('verified')) user.verified = profile.verified;
  if (fields.has('public_metrics')) {
    user.public_metrics = {
      followers_count: profile.followersCount,
      following_count: profile.followingCount,
      // 2.167 renamed tweet_count.
      [version === '2.166' ? 'tweet_count' : 'post_count']: profile.postsCount,
      listed_count: 0,
      like_count: 0,
    };
  }
  if (fields.has('receives_your_dm') && profile.receivesYourDm !== null) user.receives_your_dm = profile.receivesYourDm;
  // X leaves connection_status out when there is no connection at all.
  if (fields.has('connection_status') && profile.connectionStatus.length) user.connection_status = profile.connectionStatus;
  return user;
}
