import { describe, expect, it } from 'vitest';
import { classifyXCall, xUserIdOfAccessToken } from '../../src/x/usage';
import { randomTemplatePicker } from '../../src/tracking/templates';

describe('counting X calls by billing category', () => {
  it.each([
    ['GET', '/2/users/1500/followers', { data: [{ id: '1' }, { id: '2' }, { id: '3' }] }, undefined, 'owned-follower-read', 3],
    ['GET', '/2/users', { data: [{ id: '1' }, { id: '2' }], errors: [{}] }, undefined, 'user-read', 2],
    ['GET', '/2/users/me', { data: { id: '1' } }, undefined, 'user-read', 1],
    ['GET', '/2/users/by/username/lea', { errors: [{}] }, undefined, 'user-read', 0],
    ['GET', '/2/dm_conversations/with/42/dm_events', { data: [{ id: 'a' }, { id: 'b' }] }, undefined, 'dm-event-read', 2],
    ['GET', '/2/users/1500/mentions', { data: [{ id: 'p' }] }, undefined, 'post-read', 1],
    ['POST', '/2/dm_conversations/with/42/messages', { data: {} }, { text: 'Merci !' }, 'dm-send', 1],
    ['POST', '/2/tweets', { data: { id: '9' } }, { text: '@lea merci de nous suivre' }, 'post', 1],
    ['POST', '/2/tweets', { data: { id: '9' } }, { text: '@lea merci ! maison-lumen.fr' }, 'post-with-url', 1],
  ])('%s %s is %s', (method, path, body, sent, category, units) => {
    expect(classifyXCall({ method, path, body, sent })).toEqual({ category, units });
  });

  it('reads the account from an OAuth 1.0a access token', () => {
    expect(xUserIdOfAccessToken('1500000000000000001-abcDEF')).toBe('1500000000000000001');
    expect(xUserIdOfAccessToken('not-a-user-token')).toBeNull();
  });
});

describe('random template assignment', () => {
  it('draws the first template once, then tries the next ones in order when the audit refuses a draft', () => {
    const draws: number[] = [];
    const picker = randomTemplatePicker((n) => {
      draws.push(n);
      return 2;
    });
    expect([0, 1, 2].map((attempt) => picker(attempt)(3))).toEqual([2, 0, 1]);
    expect(draws).toEqual([3]);
  });

  it('spreads drafts over every template', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(randomTemplatePicker()(0)(3));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
