import type { UserV2 } from 'twitter-api-v2';
import type { FollowerProfile } from '../domain';

/** The user fields the card needs; id, name and username always come. */
export const USER_FIELDS = [
  'created_at',
  'description',
  'entities',
  'location',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'connection_status',
  'url',
  'verified',
] as const;

export const USER_FIELDS_PARAM = USER_FIELDS.join(',');

// X serves every never-customised avatar from this folder.
const DEFAULT_AVATAR_MARKER = 'default_profile_images';

/** X's user object as the card sees it. */
export function toFollowerProfile(user: UserV2): FollowerProfile {
  const metrics = user.public_metrics ?? {};
  return {
    xUserId: user.id,
    handle: user.username,
    name: user.name,
    bio: user.description ?? '',
    location: nonEmpty(user.location),
    url: profileLink(user),
    createdAt: user.created_at ?? null,
    followersCount: metrics.followers_count ?? 0,
    followingCount: metrics.following_count ?? 0,
    // 2.166 says tweet_count, 2.167 post_count.
    postsCount: (metrics as { post_count?: number }).post_count ?? metrics.tweet_count ?? 0,
    verified: user.verified ?? false,
    protected: user.protected ?? false,
    // Unknown is not default: a false 'default avatar' would push the reviewer towards 'bot'.
    defaultAvatar: user.profile_image_url?.includes(DEFAULT_AVATAR_MARKER) ?? false,
    receivesYourDm: user.receives_your_dm ?? null,
    connectionStatus: user.connection_status ?? [],
  };
}

/** `url` is a t.co short link; the entities carry where it really goes. */
function profileLink(user: UserV2): string | null {
  const short = nonEmpty(user.url);
  if (short === null) return null;
  const entity = user.entities?.url?.urls.find((u) => u.url === short) ?? user.entities?.url?.urls[0];
  return nonEmpty(entity?.expanded_url) ?? short;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
