import { describe, expect, it } from 'vitest';
import { buildWelcomeCard } from '../../../src/bot/blocks/card';
import { buildEditModal } from '../../../src/bot/blocks/edit-modal';
import { renderBlocksAsText } from '../../../src/bot/blocks/render-text';
import { decided, follower, pendingCard } from './fixtures';

describe('renderBlocksAsText', () => {
  const pending = renderBlocksAsText(buildWelcomeCard(pendingCard({ profile: follower({ location: 'R&D <lab>', verified: true }) })).blocks);

  it('prints the header underlined', () => {
    expect(pending.split('\n').slice(0, 2)).toEqual(['New follower: Ada Lovelace', '══════════════════════════']);
  });

  it('prints links as label (url), without Slack’s markup', () => {
    expect(pending).toContain('@ada_bakes (https://x.com/ada_bakes)  ·  ✅ Verified');
    expect(pending).toContain('Website: ada-bakes.example/shop (https://ada-bakes.example/shop)');
  });

  it('prints fields as label: value, with escaped characters decoded', () => {
    expect(pending).toContain('Location: R&D <lab>');
    expect(pending).toContain('Followers: 1,234');
  });

  it('prints dates with their fallback', () => {
    expect(pending).toContain('On X since: 2019-03-04 10:00 UTC');
  });

  it('prints the buttons in a row', () => {
    expect(pending).toContain('[ Send DM ]  [ Post public welcome ]  [ Edit… ]  [ Skip ]');
  });

  it('prints a link button with its URL, and a teammate as @id', () => {
    const card = decided('approved', { text: 'Hi!' }, { sendMode: 'manual' });
    const text = renderBlocksAsText(buildWelcomeCard(card).blocks);
    expect(text).toContain('[ Open in X ] (https://x.com/messages/compose?recipient_id=1460000000000000001&text=Hi!)  [ Mark as sent ]');
    expect(text).toContain('approved by @U0MARIE01 on 2026-05-02 14:30 UTC');
  });

  it('prints a modal’s text box with its content', () => {
    const text = renderBlocksAsText(buildEditModal({ welcomeId: 1, draft: 'Line one\nLine two', channel: 'dm', lang: 'en' }).blocks);
    expect(text.split('\n').slice(0, 3)).toEqual(['Direct message:', '  │ Line one', '  │ Line two']);
  });

  it('shows a follower’s markup as they typed it', () => {
    const text = renderBlocksAsText(buildWelcomeCard(pendingCard({ profile: follower({ location: '*HQ* <!here>' }) })).blocks);
    expect(text).toContain('Location: *HQ* <!here>');
  });
});
