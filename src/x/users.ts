import type { TwitterApi, UserV2 } from 'twitter-api-v2';
import type { FollowerProfile } from '../domain';
import { noteVersion, versionOfMetrics } from './dialect';
import { callX, XApiError } from './errors';
import { toFollowerProfile, USER_FIELDS_PARAM } from './profile';

export interface XAccount {
  id: string;
  handle: string;
  name: string;
}

export interface FollowersPage {
  users: FollowerProfile[];
  nextToken: string | null;
}

/** X looks up at most 100 users per call. */
export const USERS_PER_LOOKUP = 100;

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/** The account the credentials act for. */
export async function getAuthenticatedUser(client: TwitterApi): Promise<XAccount> {
  // public_metrics tells which version of X's API answers (./dialect.ts), at no extra call.
  const { data } = await callX('read-account', () => client.v2.me({ 'user.fields': ['public_metrics'] }));
  noteVersion(client, versionOfMetrics(data.public_metrics));
  return { id: data.id, handle: data.username, name: data.name };
}

/** One page of the account's followers (GET /2/users/:id/followers). */
export async function fetchFollowersPage(
  client: TwitterApi,
  userId: string,
  page: { maxResults: number; paginationToken?: string },
): Promise<FollowersPage> {
  const result = await callX('read-followers', () =>
    client.v2.followers(userId, {
      max_results: page.maxResults,
      ...(page.paginationToken ? { pagination_token: page.paginationToken } : {}),
      'user.fields': USER_FIELDS_PARAM,
    }),
  );
  return {
    users: (result.data ?? []).map(toFollowerProfile),
    nextToken: result.meta?.next_token ?? null,
  };
}

/** Profiles for these ids, in batches of 100; ids X no longer knows are left out. */
export async function lookupUsers(client: TwitterApi, ids: string[]): Promise<FollowerProfile[]> {
  const profiles: FollowerProfile[] = [];
  for (let start = 0; start < ids.length; start += USERS_PER_LOOKUP) {
    const batch = ids.slice(start, start + USERS_PER_LOOKUP);
    const result = await callX('lookup-users', () => client.v2.users(batch, { 'user.fields': USER_FIELDS_PARAM }));
    profiles.push(...(result.data ?? []).map(toFollowerProfile));
  }
  return profiles;
}

/** Who a handle belongs to: a profile, nobody X shows, or an account X has suspended. */
export type HandleLookup =
  | { kind: 'found'; profile: FollowerProfile }
  | { kind: 'not-found' }
  | { kind: 'suspended' };

/**
 * X answers a suspended account with a 200 holding only `errors`, the entry titled "Forbidden" and
 * detailed "User has been suspended: [handle]." (an unknown one is titled "Not Found Error").
 */
const isSuspension = (problem: { title?: string; detail?: string }) =>
  problem.title === 'Forbidden' || /\bsuspended\b/i.test(problem.detail ?? '');

/** The profile behind @handle; else whether X does not know it or has suspended it. */
export async function lookupUserByHandle(client: TwitterApi, handle: string): Promise<HandleLookup> {
  const username = handle.trim().replace(/^@/, '');
  if (!HANDLE.test(username)) return { kind: 'not-found' };
  try {
    const result = await callX('lookup-users', () =>
      client.v2.userByUsername(username, { 'user.fields': USER_FIELDS_PARAM }),
    );
    // An unknown or suspended handle is a 200 carrying only `errors`.
    const user: UserV2 | undefined = result.data;
    if (user) return { kind: 'found', profile: toFollowerProfile(user) };
    return (result.errors ?? []).some(isSuspension) ? { kind: 'suspended' } : { kind: 'not-found' };
  } catch (error) {
    if (error instanceof XApiError && error.kind === 'not-found') return { kind: 'not-found' };
    throw error;
  }
}
