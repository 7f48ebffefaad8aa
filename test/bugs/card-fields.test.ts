// Issue 15, item 12: a profile field made only of invisible characters is dropped, not shown empty.
import { describe, expect, it } from 'vitest';
import { buildWelcomeCard } from '../../src/bot/blocks/card';
import { follower, pendingCard } from '../bot/blocks/fixtures';

describe('a card’s profile fields', () => {
  it('drops a location, and a bio, made only of invisible characters', () => {
    const invisible = '\u200B\u200E\u2060\uFEFF\u202E';
    const { blocks } = buildWelcomeCard(pendingCard({ profile: follower({ location: invisible, bio: invisible }) }));
    const shown = JSON.stringify(blocks);
    expect(shown).not.toContain('*Location*');
    expect(shown).toContain('No bio');
  });
});
