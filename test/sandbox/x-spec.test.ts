import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fetchFollowersPage, hasWrittenFirst } from '../../src/x/api';
import { noteVersion } from '../../src/x/dialect';
import { X_API_VERSIONS } from '../../src/sandbox/x';
import { withFakeX } from '../x/with-fake-x';

const trimmed = (version: string) =>
  JSON.parse(readFileSync(new URL(`../../src/sandbox/x/spec/x-${version}.json`, import.meta.url), 'utf8')) as {
    'x-trimmed': { source: string; regenerate: string };
    info: { version: string };
    paths: Record<string, Record<string, unknown>>;
  };

describe.each(X_API_VERSIONS)('the trimmed description of X API %s', (version) => {
  it('says where it came from and how to make it again', () => {
    const doc = trimmed(version);
    expect(doc.info.version).toBe(version);
    expect(doc['x-trimmed'].source).toContain(`x-openapi-${version}.json`);
    expect(doc['x-trimmed'].regenerate).toContain('scripts/trim-x-specs.ts');
  });

  it('holds every endpoint the fake X serves, and only those', () => {
    const operations = Object.entries(trimmed(version).paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([
      'GET /2/account_activity/webhooks/{webhook_id}/subscriptions/all',
      'GET /2/dm_conversations/with/{participant_id}/dm_events',
      'GET /2/dm_events',
      'GET /2/users',
      'GET /2/users/by/username/{username}',
      'GET /2/users/me',
      'GET /2/users/{id}/followers',
      'GET /2/users/{id}/mentions',
      'GET /2/users/{id}/tweets',
      'GET /2/webhooks',
      'POST /2/account_activity/webhooks/{webhook_id}/subscriptions/all',
      'POST /2/dm_conversations/with/{participant_id}/messages',
      'POST /2/tweets',
      'POST /2/webhooks',
      'PUT /2/webhooks/{webhook_id}',
    ]);
  });
});

describe('the fake X in 2.167, held to the description', () => {
  const x = withFakeX({ version: '2.167' });

  it('refuses a field name of 2.166 with X\'s 400 and its words, and counts the refusal', async () => {
    const error = await x.client.v2.get('users/:id/mentions', { 'tweet.fields': 'created_at' }, { params: { id: x.fake.account.id } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 400, data: { title: 'Invalid Request', errors: [{ parameters: { 'tweet.fields': ['created_at'] } }] } });
    expect(x.fake.refused).toEqual([expect.objectContaining({ message: expect.stringMatching(/^The query parameter \[tweet\.fields\] is not one of \[.*post\.fields.*\]$/) })]);
  });

  it('refuses a value its enum lacks: sender_id is no longer a DM event field', async () => {
    const follower = x.fake.addFollower();
    const error = await x.client.v2
      .get('dm_conversations/with/:participant_id/dm_events', { 'dm_event.fields': 'sender_id' }, { params: { participant_id: follower.xUserId } })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 400 });
    expect(x.fake.refused[0]?.message).toMatch(/^The `dm_event\.fields` query parameter value \[sender_id\] is not one of \[/);
  });

  it('refuses a page size outside the described range', async () => {
    await expect(fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 1001 })).rejects.toMatchObject({ kind: 'invalid', status: 400 });
    expect(x.fake.refused[0]?.message).toContain('is not between 1 and 1000');
  });

  it('hands out follower pagination tokens of at least the 16 characters it requires', async () => {
    x.fake.addFollowers(5);
    const page = await fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 2 });
    expect(page.nextToken!.length).toBeGreaterThanOrEqual(16);
    await expect(fetchFollowersPage(x.client, x.fake.account.id, { maxResults: 2, paginationToken: page.nextToken! })).resolves.toMatchObject({ users: expect.any(Array) });
    expect(x.fake.refused).toEqual([]);
    expect(x.fake.offSpecAnswers).toEqual([]);
  });

  it('lets a bot that believed it spoke to 2.166 learn 2.167 from the one refusal, and remember it', async () => {
    const follower = x.fake.addFollower();
    x.fake.writeDm(follower.xUserId, 'Bonjour !');
    noteVersion(x.client, '2.166');

    await expect(hasWrittenFirst(x.client, { accountUserId: x.fake.account.id, followerId: follower.xUserId })).resolves.toMatchObject({ wrote: true, via: 'dm' });
    await expect(hasWrittenFirst(x.client, { accountUserId: x.fake.account.id, followerId: follower.xUserId })).resolves.toMatchObject({ wrote: true, via: 'dm' });

    expect(x.fake.refused).toHaveLength(1);
  });
});
