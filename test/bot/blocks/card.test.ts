import { describe, expect, it } from 'vitest';
import { buildWelcomeCard } from '../../../src/bot/blocks/card';
import { ACTIONS } from '../../../src/bot/ids';
import { triageFollower } from '../../../src/rules/triage';
import { blockKitErrors } from '../../../src/sandbox/slack';
import { buttons, decided, follower, formattedSpans, mrkdwnTexts, pendingCard, plainTexts, quotedLines } from './fixtures';

const HOSTILE = {
  name: '<!channel> *Boss* _Admin_',
  bio: 'Hi <!channel> <!here> <@U0CEO0001> <https://evil.example|click> *bold* _it_ ~s~ `code`\n> quoted\n\u202Eevil\u202C',
  location: '<https://evil.example|Paris> *HQ* `x`',
  url: 'https://evil.example/a|b><!channel>',
};

/** The follower's own words that must never be formatted, linked or pinging on the card. */
const HOSTILE_WORDS = ['bold', 'it', 's', 'code', 'Boss', 'Admin', 'HQ', 'x'];

describe('a pending card', () => {
  it('offers Send DM, Post public welcome, Edit… and Skip, each carrying the welcome id', () => {
    const { blocks } = buildWelcomeCard(pendingCard());
    expect(buttons(blocks).map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      [ACTIONS.sendDm, 'Send DM', '42'],
      [ACTIONS.postMention, 'Post public welcome', '42'],
      [ACTIONS.edit, 'Edit…', '42'],
      [ACTIONS.skip, 'Skip', '42'],
    ]);
  });

  it('asks for confirmation before skipping', () => {
    const skip = buttons(buildWelcomeCard(pendingCard()).blocks).find((b) => b.action_id === ACTIONS.skip);
    expect(skip?.confirm).toMatchObject({ title: { text: 'Skip this follower?' }, confirm: { text: 'Skip' }, deny: { text: 'Keep' } });
  });

  it('replaces Send DM with the reason when a DM is not allowed', () => {
    const card = pendingCard({ dm: { allowed: false, reason: 'they have not written to you first (DM policy: engaged-only)' } });
    const { blocks } = buildWelcomeCard(card);
    expect(buttons(blocks).map((b) => b.action_id)).not.toContain(ACTIONS.sendDm);
    expect(plainTexts(blocks)).toContain('DM unavailable: they have not written to you first (DM policy: engaged-only)');
  });

  it('makes the public welcome the primary button when it is the only way to send', () => {
    const { blocks } = buildWelcomeCard(pendingCard({ dm: { allowed: false, reason: 'their DMs are closed' } }));
    expect(buttons(blocks).find((b) => b.action_id === ACTIONS.postMention)?.style).toBe('primary');
  });

  it('links the handle to the X profile, built from the handle', () => {
    const { blocks } = buildWelcomeCard(pendingCard());
    expect(mrkdwnTexts(blocks).join('\n')).toContain('<https://x.com/ada_bakes|');
  });

  it('shows the handle as the profile link’s label: no zero-width character to copy, and no ping', () => {
    const { blocks, text } = buildWelcomeCard(pendingCard({ profile: follower({ handle: 'rita_skip' }) }));
    const handleLine = mrkdwnTexts(blocks).find((line) => line.includes('rita_skip'))!;
    expect(handleLine).toBe('*<https://x.com/rita_skip|@rita_skip>*');
    expect(handleLine).not.toMatch(/[\u200B-\u200D\u2060\uFEFF]/);
    // A ping is <@U…>, <!…> or a bare @word outside a link; the label of our link is neither.
    expect(handleLine.replace(/<https:\/\/x\.com\/rita_skip\|@rita_skip>/, '')).not.toMatch(/@|<!/);
    expect(text).toContain('<https://x.com/rita_skip|@rita_skip>');
    expect(text).not.toMatch(/[\u200B-\u200D\u2060\uFEFF]/);
  });

  it('gives no profile link for a handle X would not issue', () => {
    const { blocks } = buildWelcomeCard(pendingCard({ profile: follower({ handle: 'evil.example|x' }) }));
    expect(mrkdwnTexts(blocks).join('\n')).not.toContain('https://x.com/evil');
  });

  it('shows the profile context: bio, location, website, age, counts, DMs and mutual follow', () => {
    const profile = follower({ verified: true, receivesYourDm: false, connectionStatus: ['followed_by', 'following'] });
    const { blocks } = buildWelcomeCard(pendingCard({ profile }));
    const mrkdwn = mrkdwnTexts(blocks).join('\n');
    expect(plainTexts(blocks)).toContain(profile.bio);
    expect(mrkdwn).toContain('Lyon, France');
    expect(mrkdwn).toContain('<https://ada-bakes.example/shop|ada-bakes.example/shop>');
    expect(mrkdwn).toMatch(/\*On X since\*\n<!date\^1551693600\^\{date_short\} \(\{ago\}\)\|2019-03-04 10:00 UTC>/);
    expect(mrkdwn).toContain('*Followers*\n1,234');
    expect(mrkdwn).toContain('*DMs*\nclosed to you');
    expect(mrkdwn).toContain('yes, mutual follow');
    expect(mrkdwn).toContain('Verified');
  });

  it('marks bot and spam flags as hints, not verdicts', () => {
    const card = pendingCard({ flags: [{ id: 'default-avatar', label: 'Default profile picture (common on automated accounts)', kind: 'bot' }] });
    const shown = plainTexts(buildWelcomeCard(card).blocks).join('\n');
    expect(shown).toContain('Hints, not verdicts:');
    expect(shown).toContain('🤖 Looks automated: default avatar');
  });

  it('groups the hints by kind, one line each, the label said once', () => {
    const now = new Date();
    const flags = triageFollower(
      { ...follower(), handle: 'user84736251', bio: '', defaultAvatar: true, followingCount: 4800, followersCount: 3, createdAt: new Date(now.getTime() - 3 * 86_400_000).toISOString(), protected: true },
      { account: { kind: 'business', dmPolicy: 'approved', sendMode: 'api', ownDomains: [], topics: [] }, engagedFirst: false, sentDm: false, now },
    ).flags.map((flag) => ({ id: flag.id, kind: flag.kind, label: flag.label.en, ...(flag.data ? { data: flag.data } : {}) }));
    const lines = plainTexts(buildWelcomeCard(pendingCard({ flags })).blocks);
    expect(lines).toContain('🤖 Looks automated: default avatar · empty bio · follows 4,800, 3 followers · 3 days old · handle full of digits');
    expect(lines.filter((line) => line.includes('Looks automated'))).toHaveLength(1);
    expect(lines.some((line) => line.startsWith('ℹ️ protected account'))).toBe(true);
    const fr = plainTexts(buildWelcomeCard(pendingCard({ lang: 'fr', flags })).blocks);
    expect(fr.join('\n')).toMatch(/🤖 Semble automatisé : photo par défaut · bio vide · suit 4\s800 comptes, 3 abonnés · créé il y a 3 jours · identifiant plein de chiffres/);
  });

  it('keeps a hint it has no short form for in its full words', () => {
    const lines = plainTexts(buildWelcomeCard(pendingCard({ flags: [{ id: 'something-new', label: 'Something new', kind: 'info' }] })).blocks);
    expect(lines).toContain('ℹ️ Something new');
  });

  it('shows the recommendation with its reason, the draft and the audit findings', () => {
    const { blocks } = buildWelcomeCard(pendingCard());
    expect(mrkdwnTexts(blocks).join('\n')).toContain('*Recommendation:* send a DM\nThey wrote to you first and their DMs are open.');
    expect(plainTexts(blocks)).toContain('Thank you for following, Ada! Our rye guide may help: https://acme.example/rye');
    expect(plainTexts(blocks)).toContain('💡 Short and sweet: fine.');
  });

  it('speaks French when the desk does', () => {
    const { blocks, text } = buildWelcomeCard(pendingCard({ lang: 'fr', dm: { allowed: false, reason: 'il ne vous a pas encore écrit' } }));
    expect(buttons(blocks).map((b) => b.text.text)).toEqual(['Publier l’accueil', 'Modifier…', 'Ignorer']);
    expect(plainTexts(blocks)).toContain('Message privé indisponible : il ne vous a pas encore écrit');
    expect(text).toContain('Nouvel abonné');
  });

  it('has a fallback text for notifications', () => {
    expect(buildWelcomeCard(pendingCard()).text).toBe('New follower: Ada Lovelace (<https://x.com/ada_bakes|@ada_bakes>) is waiting for a welcome');
  });

  it('is accepted by Slack', () => {
    expect(blockKitErrors(buildWelcomeCard(pendingCard()).blocks, 'message')).toEqual([]);
  });
});

describe('a card for a hostile profile', () => {
  const card = pendingCard({
    profile: follower(HOSTILE),
    recommendation: { channel: 'mention', reason: 'Bio says <!here> *urgent*' },
    flags: [{ id: 'relevant', label: '<!channel> *topic*', kind: 'relevant' }],
  });
  const { blocks, text } = buildWelcomeCard(card);
  const mrkdwn = [...mrkdwnTexts(blocks), text];

  it('never pings: no <! other than dates, no <@ other than teammates we name', () => {
    for (const m of mrkdwn) {
      expect(m.match(/<![^d]/g) ?? []).toEqual([]);
      expect(m).not.toContain('<@U0CEO0001>');
    }
  });

  it('forges no link: the only links are the ones we build', () => {
    const links = mrkdwn.flatMap((m) => m.match(/<http[^>]*>/g) ?? []);
    expect(links.every((l) => l.startsWith('<https://x.com/') || l.startsWith('<https://evil.example/a%7Cb%3E%3C!channel%3E|'))).toBe(true);
    expect(mrkdwn.join('\n')).not.toContain('<https://evil.example|');
  });

  it('formats none of their words', () => {
    const formatted = mrkdwn.flatMap(formattedSpans);
    for (const word of HOSTILE_WORDS) expect(formatted).not.toContain(word);
    expect(mrkdwn.flatMap(quotedLines)).toEqual([]);
  });

  it('keeps their words readable as typed, as plain text where Block Kit allows', () => {
    expect(plainTexts(blocks).some((t) => t.includes('<https://evil.example|click> *bold*'))).toBe(true);
  });

  it('drops the right-to-left override', () => {
    expect(JSON.stringify(blocks)).not.toMatch(/\u202E|\\u202e/i);
  });
});

describe('a card for a very long profile', () => {
  const card = pendingCard({
    profile: follower({ bio: 'é'.repeat(5000), name: 'N'.repeat(400), location: '*'.repeat(3000) }),
    draft: 'd'.repeat(9000),
    flags: Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, label: `flag ${i}`, kind: 'info' as const })),
    findings: Array.from({ length: 30 }, (_, i) => ({ ruleId: 'r', severity: 'warning' as const, message: `finding ${i}`, start: 0, end: 1 })),
  });
  const { blocks } = buildWelcomeCard(card);

  it('stays within every Slack limit', () => {
    expect(blockKitErrors(blocks, 'message')).toEqual([]);
  });

  it('cuts the 5,000-character bio with an ellipsis', () => {
    const bio = plainTexts(blocks).find((t) => t.startsWith('éé'));
    expect(bio?.length).toBeLessThanOrEqual(3000);
    expect(bio?.endsWith('…')).toBe(true);
  });

  it('puts thirty hints of one kind on one line, cut to fit', () => {
    const line = plainTexts(blocks).find((text) => text.startsWith('ℹ️ flag 0 · flag 1'));
    expect(line).toBeDefined();
    expect(line!.length).toBeLessThanOrEqual(600);
  });
});

describe('a decided card', () => {
  it('after a DM was sent: who, when, what, and no buttons', () => {
    const { blocks, text } = buildWelcomeCard(decided('sent'));
    const mrkdwn = mrkdwnTexts(blocks).join('\n');
    expect(buttons(blocks)).toEqual([]);
    expect(mrkdwn).toContain('✅ DM sent, approved by <@U0MARIE01> on <!date^1777732200^{date_short_pretty} {time}|2026-05-02 14:30 UTC>');
    expect(plainTexts(blocks)).toContain('Thank you for following, Ada!');
    expect(text).toBe('Welcome for <https://x.com/ada_bakes|@ada_bakes>: sent');
  });

  it('after a public welcome was posted: a link to the post', () => {
    const card = decided('sent', { channel: 'mention', text: '@ada_bakes thank you!', link: 'https://x.com/acme/status/1790000000000000000' });
    const { blocks } = buildWelcomeCard(card);
    expect(buttons(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks)).toContain('<https://x.com/acme/status/1790000000000000000|View the post on X>');
  });

  it('while approved: the queue position and the expected send time', () => {
    const { blocks } = buildWelcomeCard(decided('approved', { queuePosition: 3, expectedAt: '2026-05-02T14:45:00.000Z' }));
    expect(buttons(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks)).toContain('Position in queue: 3, expected <!date^1777733100^{date_short_pretty} {time}|2026-05-02 14:45 UTC>');
  });

  it('after a failed send: what X said, and only a Retry button', () => {
    const { blocks } = buildWelcomeCard(decided('failed', { error: 'X refused the DM: this person does not accept messages from you.' }));
    expect(buttons(blocks).map((b) => [b.action_id, b.value])).toEqual([[ACTIONS.retry, '42']]);
    expect(plainTexts(blocks)).toContain('X refused the DM: this person does not accept messages from you.');
  });

  it('after a skip: who skipped, and no buttons', () => {
    const { blocks } = buildWelcomeCard(decided('skipped', { channel: null, text: null }));
    expect(buttons(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks).join('\n')).toContain('🚫 Skipped by <@U0MARIE01> on <!date^');
  });

  it('once expired: says so, with no buttons', () => {
    const { blocks } = buildWelcomeCard(pendingCard({ status: 'expired' }));
    expect(buttons(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks)).toContain('⌛ Expired: no one decided in time, no welcome was sent.');
  });

  it('never lets a decided text ping or format', () => {
    const { blocks } = buildWelcomeCard(decided('failed', { text: '<!channel> *hi*', error: '<!here> _oops_', by: '<!channel>' }));
    expect(mrkdwnTexts(blocks).join('\n')).not.toMatch(/<![^d]/);
    expect(mrkdwnTexts(blocks).flatMap(formattedSpans)).not.toContain('hi');
  });
});

describe('a card in manual send mode', () => {
  it('while pending: approving, not sending, is what the buttons say', () => {
    const { blocks } = buildWelcomeCard(pendingCard({ sendMode: 'manual' }));
    expect(buttons(blocks).map((b) => b.text.text)).toEqual(['Approve DM', 'Approve public welcome', 'Edit…', 'Skip']);
  });

  it('once a DM is approved: Open in X with the text, and Mark as sent', () => {
    const card = decided('approved', { text: 'Thank you, Ada & co!' }, { sendMode: 'manual' });
    const [open, mark, ...rest] = buttons(buildWelcomeCard(card).blocks);
    expect(rest).toEqual([]);
    expect(open).toMatchObject({ action_id: ACTIONS.openInX, value: '42', url: 'https://x.com/messages/compose?recipient_id=1460000000000000001&text=Thank%20you%2C%20Ada%20%26%20co!' });
    expect(mark).toMatchObject({ action_id: ACTIONS.markSent, value: '42', text: { text: 'Mark as sent' } });
  });

  it('once a mention is approved: Open in X on the post composer', () => {
    const card = decided('approved', { channel: 'mention', text: '@ada_bakes welcome!' }, { sendMode: 'manual' });
    const open = buttons(buildWelcomeCard(card).blocks).find((b) => b.action_id === ACTIONS.openInX);
    expect(open?.url).toBe('https://x.com/intent/post?text=%40ada_bakes%20welcome!');
  });

  it('opens X without the text when it would not fit in a link, and says to copy it', () => {
    const card = decided('approved', { text: '€'.repeat(2000) }, { sendMode: 'manual' });
    const { blocks } = buildWelcomeCard(card);
    const open = buttons(blocks).find((b) => b.action_id === ACTIONS.openInX);
    expect(open?.url).toBe('https://x.com/messages/compose?recipient_id=1460000000000000001');
    expect(plainTexts(blocks)).toContain('The text is too long for a link: copy it from above.');
    expect(blockKitErrors(blocks, 'message')).toEqual([]);
  });

  it('once marked as sent: no buttons left', () => {
    expect(buttons(buildWelcomeCard(decided('sent', {}, { sendMode: 'manual' })).blocks)).toEqual([]);
  });
});
