import { describe, expect, it } from 'vitest';
import type { AccountSettings, FollowerProfile } from '../../src/domain';
import { findTopic, isDigitHeavyHandle, triageFollower, type TriageContext } from '../../src/rules/triage';

const NOW = new Date('2026-03-01T12:00:00Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const account = (overrides: Partial<AccountSettings> = {}): AccountSettings => ({
  kind: 'business',
  dmPolicy: 'engaged-only',
  sendMode: 'manual',
  ownDomains: ['acme.fr'],
  topics: ['design', 'accessibilité', 'service client'],
  ...overrides,
});

const context = (overrides: Partial<TriageContext> = {}): TriageContext => ({
  account: account(),
  engagedFirst: false,
  sentDm: false,
  now: NOW,
  ...overrides,
});

// An ordinary person: a photo, a bio, a few years on X, a balanced follow count.
const follower = (overrides: Partial<FollowerProfile> = {}): FollowerProfile => ({
  xUserId: '42',
  handle: 'marie_dupont',
  name: 'Marie Dupont',
  bio: 'Je cuisine, je lis, je marche.',
  location: 'Lyon',
  url: null,
  createdAt: daysAgo(2_000),
  followersCount: 310,
  followingCount: 280,
  postsCount: 1_200,
  verified: false,
  protected: false,
  defaultAvatar: false,
  receivesYourDm: true,
  connectionStatus: ['followed_by'],
  ...overrides,
});

const flagIds = (profile: FollowerProfile, ctx: TriageContext = context()): string[] =>
  triageFollower(profile, ctx).flags.map((flag) => flag.id);

describe('triage flags', () => {
  it('raises no flag on an ordinary person', () => {
    const triage = triageFollower(follower(), context());
    expect(triage.flags).toEqual([]);
    expect(triage.likelyBot).toBe(false);
  });

  it('sees a typical spam account as likely a bot, with every hint named', () => {
    const bot = follower({
      handle: 'marie83749201',
      bio: '',
      defaultAvatar: true,
      createdAt: daysAgo(3),
      followersCount: 4,
      followingCount: 2_100,
    });
    const triage = triageFollower(bot, context());
    expect(triage.flags.map((f) => f.id)).toEqual(['default-avatar', 'no-bio', 'follow-ratio', 'new-account', 'digit-handle']);
    expect(triage.flags.every((f) => f.kind === 'bot')).toBe(true);
    expect(triage.likelyBot).toBe(true);
  });

  it('words bot hints as hints, in both languages, never as verdicts', () => {
    const triage = triageFollower(follower({ defaultAvatar: true, bio: '' }), context());
    for (const flag of triage.flags) {
      expect(flag.label.fr).toMatch(/fréquent/);
      expect(flag.label.en).toMatch(/common/);
      expect(`${flag.label.fr} ${flag.label.en}`).not.toMatch(/\b(bot|fake|faux compte)\b/i);
    }
  });

  it('needs two hints before calling an account likely a bot', () => {
    expect(triageFollower(follower({ defaultAvatar: true }), context()).likelyBot).toBe(false);
    expect(triageFollower(follower({ defaultAvatar: true, bio: '  ' }), context()).likelyBot).toBe(true);
  });

  it('flags a brand-new account and says how new, but not one a month old', () => {
    const today = triageFollower(follower({ createdAt: daysAgo(0) }), context());
    expect(today.flags.find((f) => f.id === 'new-account')?.label).toMatchObject({
      fr: expect.stringContaining('aujourd’hui'),
      en: expect.stringContaining('today'),
    });
    const week = triageFollower(follower({ createdAt: daysAgo(12) }), context());
    expect(week.flags.find((f) => f.id === 'new-account')?.label.en).toContain('12 days ago');
    expect(flagIds(follower({ createdAt: daysAgo(30) }))).not.toContain('new-account');
  });

  it('does not guess an age from a missing or malformed creation date', () => {
    expect(flagIds(follower({ createdAt: null }))).not.toContain('new-account');
    expect(flagIds(follower({ createdAt: 'not a date' }))).not.toContain('new-account');
  });

  it('flags mass-following only past the floor, so a newcomer following a few people is spared', () => {
    expect(flagIds(follower({ followersCount: 2, followingCount: 80 }))).not.toContain('follow-ratio');
    expect(flagIds(follower({ followersCount: 100, followingCount: 1_900 }))).not.toContain('follow-ratio');
    expect(flagIds(follower({ followersCount: 10, followingCount: 600 }))).toContain('follow-ratio');
    expect(flagIds(follower({ followersCount: 0, followingCount: 500 }))).toContain('follow-ratio');
  });

  it('tells a machine-made handle from a birth year', () => {
    expect(isDigitHeavyHandle('marie83749201')).toBe(true);
    expect(isDigitHeavyHandle('x12345')).toBe(true);
    expect(isDigitHeavyHandle('a1b2c3d4e5')).toBe(true);
    expect(isDigitHeavyHandle('jean1985')).toBe(false);
    expect(isDigitHeavyHandle('jb007')).toBe(false);
    expect(isDigitHeavyHandle('marie_dupont')).toBe(false);
  });

  it('marks a notable, relevant person without any bot hint', () => {
    const expert = follower({
      name: 'Claire Martin',
      bio: 'Directrice du design chez Studio Nord. Conférencière.',
      followersCount: 48_500,
      followingCount: 900,
      verified: true,
    });
    const triage = triageFollower(expert, context());
    expect(triage.flags.map((f) => [f.id, f.kind])).toEqual([
      ['notable', 'notable'],
      ['relevant', 'relevant'],
    ]);
    expect(triage.flags[0].label.en).toBe('Large audience: 48,500 followers');
    expect(triage.flags[1].label.fr).toContain('design');
    expect(triage.topic).toBe('design');
    expect(triage.likelyBot).toBe(false);
  });

  it('notes a protected account, closed DMs and a mutual follow as information', () => {
    const triage = triageFollower(
      follower({ protected: true, receivesYourDm: false, connectionStatus: ['following', 'followed_by'] }),
      context(),
    );
    expect(triage.flags.map((f) => [f.id, f.kind])).toEqual([
      ['protected', 'info'],
      ['dms-closed', 'info'],
      ['mutual', 'info'],
    ]);
  });

  it('does not call closed DMs what X left unsaid', () => {
    expect(flagIds(follower({ receivesYourDm: null }))).not.toContain('dms-closed');
  });
});

describe('topic and language', () => {
  it('finds a topic whatever its case and accents, on whole words only', () => {
    const topics = ['accessibilité', 'design'];
    expect(findTopic('Militante de l’ACCESSIBILITE numérique', topics)).toBe('accessibilité');
    expect(findTopic('#Design lover', topics)).toBe('design');
    expect(findTopic('Designer graphique', topics)).toBeNull();
    expect(findTopic('Product designs and more', topics)).toBe('design');
  });

  it('returns the first of the team’s topics, in the team’s order, not the bio’s', () => {
    expect(findTopic('design et accessibilité', ['accessibilité', 'design'])).toBe('accessibilité');
  });

  it('matches a topic of several words across extra spaces', () => {
    expect(findTopic('Responsable  Service   Client chez Nova', ['service client'])).toBe('service client');
  });

  it('never matches an empty topic from the settings', () => {
    expect(findTopic('anything at all', ['', '   '])).toBeNull();
  });

  it('guesses the language from the bio, then the team’s language, then English', () => {
    expect(triageFollower(follower({ bio: 'Je suis designer à Lyon et je fais des affiches' }), context()).lang).toBe('fr');
    expect(triageFollower(follower({ bio: 'I am a designer and I like the sea' }), context({ lang: 'fr' })).lang).toBe('en');
    expect(triageFollower(follower({ bio: '' }), context({ lang: 'fr' })).lang).toBe('fr');
    expect(triageFollower(follower({ bio: '' }), context()).lang).toBe('en');
  });
});

describe('DM availability follows the house rules', () => {
  it('refuses a DM from a personal account, before anything else', () => {
    const { dm } = triageFollower(follower(), context({ account: account({ kind: 'personal', dmPolicy: 'approved' }), engagedFirst: true, sentDm: true }));
    expect(dm.allowed).toBe(false);
    expect(dm.reason?.en).toMatch(/personal account should not DM/);
    expect(dm.reason?.fr).toMatch(/compte personnel/);
  });

  it('refuses a DM when the account turned DMs off', () => {
    const { dm } = triageFollower(follower(), context({ account: account({ dmPolicy: 'off' }), engagedFirst: true, sentDm: true }));
    expect(dm.allowed).toBe(false);
    expect(dm.reason?.en).toMatch(/turned off/);
  });

  it('refuses a DM the person does not accept, and offers the public mention instead', () => {
    const { dm } = triageFollower(follower({ receivesYourDm: false }), context({ account: account({ dmPolicy: 'approved' }) }));
    expect(dm.allowed).toBe(false);
    expect(dm.reason?.en).toMatch(/public mention instead/);
    expect(dm.reason?.fr).toMatch(/mention publique/);
  });

  it('waits, under engaged-only, until the person sends a DM first, and says when the DM opens', () => {
    const { dm } = triageFollower(follower(), context());
    expect(dm.allowed).toBe(false);
    expect(dm.reason?.en).toMatch(/as soon as they do/);
    expect(dm.reason?.fr).toMatch(/dès qu’elle vous en enverra un/);
  });

  it('keeps the DM closed under engaged-only when they only mentioned the account (X: only after user DMs you first)', () => {
    const { dm } = triageFollower(follower(), context({ engagedFirst: true, sentDm: false }));
    expect(dm.allowed).toBe(false);
    expect(dm.reason?.en).toMatch(/not sent you a DM/);
  });

  it('allows a DM once they wrote first, or when the team approves DMs', () => {
    expect(triageFollower(follower(), context({ engagedFirst: true, sentDm: true })).dm).toEqual({ allowed: true, reason: null });
    expect(triageFollower(follower(), context({ account: account({ dmPolicy: 'approved' }) })).dm).toEqual({ allowed: true, reason: null });
  });

  it('allows a DM when X did not say whether they accept one', () => {
    expect(triageFollower(follower({ receivesYourDm: null }), context({ engagedFirst: true, sentDm: true })).dm.allowed).toBe(true);
  });

  it('allows a public mention unless the account is protected', () => {
    expect(triageFollower(follower(), context()).mention).toEqual({ allowed: true, reason: null });
    const { mention } = triageFollower(follower({ protected: true }), context());
    expect(mention.allowed).toBe(false);
    expect(mention.reason?.en).toMatch(/expose/);
  });
});

describe('recommendation', () => {
  const recommend = (profile: FollowerProfile, ctx: TriageContext = context()) => triageFollower(profile, ctx).recommendation;

  it('recommends nothing for a likely bot, even a relevant one that wrote first', () => {
    const bot = follower({ bio: 'design', defaultAvatar: true, createdAt: daysAgo(1) });
    const recommendation = recommend(bot, context({ engagedFirst: true, sentDm: true }));
    expect(recommendation.channel).toBe('none');
    expect(recommendation.reason.en).toMatch(/better to send nothing than something impersonal/);
    expect(recommendation.reason.fr).toMatch(/mieux vaut ne rien envoyer/);
  });

  it('recommends a DM to someone who wrote first, when DMs are open', () => {
    const recommendation = recommend(follower(), context({ engagedFirst: true, sentDm: true }));
    expect(recommendation.channel).toBe('dm');
    expect(recommendation.reason.en).toMatch(/wrote to you first/);
  });

  it('recommends a public mention when the bio shares one of the team’s topics', () => {
    const recommendation = recommend(follower({ bio: 'UX et accessibilité' }));
    expect(recommendation.channel).toBe('mention');
    expect(recommendation.reason.en).toContain('accessibilité');
  });

  it('recommends a public mention to someone with a large audience', () => {
    expect(recommend(follower({ followersCount: 25_000 })).channel).toBe('mention');
  });

  it('recommends a reply to their post to someone who mentioned the account first', () => {
    const recommendation = recommend(follower(), context({ engagedFirst: true, sentDm: false }));
    expect(recommendation.channel).toBe('mention');
    expect(recommendation.reason.en).toMatch(/answer their post with a short, personal reply/);
  });

  it('answers someone who wrote first in public when DMs are closed to them', () => {
    expect(recommend(follower({ receivesYourDm: false }), context({ engagedFirst: true, sentDm: true })).channel).toBe('mention');
  });

  it('recommends nothing when there is nothing personal to say yet', () => {
    const recommendation = recommend(follower(), context({ account: account({ dmPolicy: 'approved' }) }));
    expect(recommendation.channel).toBe('none');
    expect(recommendation.reason.en).toMatch(/Nothing personal to say yet/);
    expect(recommendation.reason.fr).toMatch(/Rien de personnel/);
  });

  it('falls back to a DM for a relevant protected account when the policy allows one', () => {
    const recommendation = recommend(follower({ bio: 'design', protected: true }), context({ account: account({ dmPolicy: 'approved' }) }));
    expect(recommendation.channel).toBe('dm');
    expect(recommendation.reason.en).toMatch(/protected/);
  });

  it('recommends nothing, and says why, when neither channel is open', () => {
    const recommendation = recommend(follower({ bio: 'design', protected: true }));
    expect(recommendation.channel).toBe('none');
    expect(recommendation.reason.en).toMatch(/neither channel is open/);
    expect(recommendation.reason.en).toMatch(/as soon as they do/);
  });

  it('never recommends a DM from a personal account', () => {
    const personal = context({ account: account({ kind: 'personal' }), engagedFirst: true, sentDm: true });
    expect(recommend(follower({ bio: 'design' }), personal).channel).toBe('mention');
    expect(recommend(follower({ bio: 'design', protected: true }), personal).channel).toBe('none');
  });

  it('uses French typography in French reasons', () => {
    const { fr } = recommend(follower(), context({ engagedFirst: true, sentDm: true })).reason;
    expect(fr).toContain('\u00A0:');
    expect(fr).not.toMatch(/ :/);
  });
});
