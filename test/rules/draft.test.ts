import twttr from 'twitter-text';
import { describe, expect, it } from 'vitest';
import type { Channel, FollowerProfile, Lang } from '../../src/domain';
import { DM_BRIEF_MAX, draftWelcome, ownLink, type DraftOptions } from '../../src/rules/draft';
import { firstNameOf } from '../../src/rules/draft-name';
import { deFr, frenchSpacing, templatesFor, WELCOME_TEMPLATES } from '../../src/rules/templates';

const follower = (overrides: Partial<FollowerProfile> = {}): FollowerProfile => ({
  xUserId: '42',
  handle: 'marie_dupont',
  name: 'Marie Dupont',
  bio: 'Designer à Lyon',
  location: 'Lyon',
  url: null,
  createdAt: '2020-01-01T00:00:00Z',
  followersCount: 310,
  followingCount: 280,
  postsCount: 1_200,
  verified: false,
  protected: false,
  defaultAvatar: false,
  receivesYourDm: true,
  connectionStatus: [],
  ...overrides,
});

const draft = (overrides: Partial<DraftOptions> = {}) =>
  draftWelcome({ profile: follower(), lang: 'fr', channel: 'dm', topic: null, ownDomains: ['acme.fr'], ...overrides });

const LANGS: Lang[] = ['fr', 'en'];
const CHANNELS: Channel[] = ['dm', 'mention'];
const COMBINATIONS = LANGS.flatMap((lang) => CHANNELS.map((channel) => ({ lang, channel })));

/** Every template of every combination, so a rule broken by one template fails by name. */
const EVERY_TEMPLATE = COMBINATIONS.flatMap(({ lang, channel }) =>
  templatesFor(lang, channel).map((template, index) => ({ id: template.id, lang, channel, index })),
);

const urls = (text: string): string[] => twttr.extractUrls(text);
const mentions = (text: string): string[] => twttr.extractMentions(text);
const THANKS = /\b(merci|thanks|thank you)\b/i;
const UNFILLED = /\{\{|\}\}|\[first|%[A-Z_]+%|\{[a-z]+\}|undefined|null/i;
// What the seeds and the audit rules forbid in a welcome.
const ASKS = /\?|pourquoi|why did|how did you find|e-?mail|newsletter|abonnez|subscribe|like our|likez|retweet|facebook|instagram|linkedin|youtube|tiktok/i;
const PITCH = /achetez|buy|promo|discount|remise|réduction|offre|offer|gratuit|\bfree\b|limited|limité/i;
const YOU = { fr: /\b(vous|votre|vos)\b/i, en: /\b(you|your)\b/i };

const HOSTILE_NAMES = [
  '🌸✨ Marie 🌸✨',
  '\u202EMarie\u202C Dupont',
  'Ma\u200Brie\u200D Dupont\uFEFF',
  'M'.repeat(200),
  `Marie ${'Dupont '.repeat(30)}`,
  '{{prenom}}',
  '{{prenom}} Marie',
  '[First name]',
  '%FIRST_NAME%',
  '$& $1 Marie',
  'Marie\n@elonmusk https://evil.example.com',
  'M̷̢̛a̸r̵i̶e̷',
  '𝓜𝓪𝓻𝓲𝓮',
  '\u0000\u0007\u001B[31mMarie',
];
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

describe('every template', () => {
  it('exists in several versions for each language and channel, with unique ids', () => {
    for (const { lang, channel } of COMBINATIONS) expect(templatesFor(lang, channel).length).toBeGreaterThanOrEqual(2);
    expect(new Set(WELCOME_TEMPLATES.map((t) => t.id)).size).toBe(WELCOME_TEMPLATES.length);
  });

  it.each(EVERY_TEMPLATE)('$id thanks the person by name, speaks to them and leaves nothing unfilled', ({ id, lang, channel, index }) => {
    const welcome = draft({ lang, channel, topic: 'design', pick: () => index, accountName: 'Acme' });
    expect(welcome.templateId).toBe(id);
    expect(welcome.text).toContain('Marie');
    expect(welcome.text).toMatch(THANKS);
    expect(welcome.text).toMatch(YOU[lang]);
    expect(welcome.text).not.toMatch(UNFILLED);
  });

  it.each(EVERY_TEMPLATE)('$id asks nothing and sells nothing', ({ lang, channel, index }) => {
    const { text } = draft({ lang, channel, topic: 'design', pick: () => index, accountName: 'Acme' });
    expect(text).not.toMatch(ASKS);
    expect(text).not.toMatch(PITCH);
  });

  it.each(EVERY_TEMPLATE)('$id still thanks and speaks to the person without topic, link or team name', ({ lang, channel, index }) => {
    const { text } = draft({ lang, channel, pick: () => index, ownDomains: [] });
    expect(text).toMatch(THANKS);
    expect(text).toMatch(YOU[lang]);
    expect(urls(text)).toEqual([]);
  });

  it.each(EVERY_TEMPLATE)('$id carries at most one link, to the team’s own site', ({ lang, channel, index }) => {
    const { text } = draft({ lang, channel, topic: 'design', pick: () => index, ownDomains: ['acme.fr', 'other.com'] });
    expect(urls(text).length).toBeLessThanOrEqual(1);
    for (const url of urls(text)) expect(url).toBe('https://acme.fr');
  });

  it.each(EVERY_TEMPLATE)('$id mentions the topic found in the bio', ({ lang, channel, index }) => {
    expect(draft({ lang, channel, topic: 'accessibilité', pick: () => index }).text).toContain('accessibilité');
    expect(draft({ lang, channel, topic: null, pick: () => index }).text).not.toContain('accessibilité');
  });

  it.each(EVERY_TEMPLATE)('$id stays clean whatever the display name', ({ lang, channel, index }) => {
    for (const name of HOSTILE_NAMES) {
      const { text } = draft({ profile: follower({ name }), lang, channel, topic: 'design', pick: () => index });
      expect(text, name).not.toMatch(INVISIBLE);
      expect(text, name).not.toMatch(UNFILLED);
      expect(text, name).not.toContain('elonmusk');
      expect(text, name).not.toContain('evil');
      expect(text, name).not.toMatch(/\p{Extended_Pictographic}/u);
      expect(text, name).not.toMatch(/(\S)\1{30}/u);
    }
  });
});

describe('a public mention', () => {
  it.each(EVERY_TEMPLATE.filter((t) => t.channel === 'mention'))('$id starts with @handle and tags nobody else', ({ lang, index }) => {
    const { text } = draft({ lang, channel: 'mention', topic: 'design', pick: () => index, profile: follower({ name: 'Marie @acme_support' }) });
    expect(text.startsWith('@marie_dupont ')).toBe(true);
    expect(mentions(text)).toEqual(['marie_dupont']);
  });

  it('carries no link, even when the team has a site', () => {
    for (const lang of LANGS) expect(urls(draft({ lang, channel: 'mention', topic: 'design' }).text)).toEqual([]);
  });

  it.each(EVERY_TEMPLATE.filter((t) => t.channel === 'mention'))(
    '$id fits in a post even with the longest name and topic in a script X counts double',
    ({ lang, index }) => {
      const profile = follower({ name: '山'.repeat(30), handle: 'abcdefghijklmno' });
      const { text } = draft({ lang, channel: 'mention', topic: '漢'.repeat(40), pick: () => index, profile });
      const parsed = twttr.parseTweet(text);
      expect(parsed.valid).toBe(true);
      expect(parsed.weightedLength).toBeLessThanOrEqual(280);
      expect(text).toContain('漢'.repeat(40));
    },
  );

  it('greets someone without a usable name by the @handle alone, never twice', () => {
    const { text } = draft({ lang: 'en', channel: 'mention', profile: follower({ name: '🌸🌸🌸', handle: 'marie83749201' }) });
    expect(text).toBe('@marie83749201 Thanks for following, it’s a pleasure to have you.');
  });
});

describe('a DM', () => {
  it.each(EVERY_TEMPLATE.filter((t) => t.channel === 'dm'))('$id stays brief, even with the longest name, topic and team name', ({ lang, index }) => {
    const { text } = draft({
      lang,
      channel: 'dm',
      pick: () => index,
      topic: 'x'.repeat(40),
      accountName: 'A'.repeat(40),
      ownDomains: ['very-long-subdomain.acme-international-holdings.fr/bienvenue'],
      profile: follower({ name: `Ü${'ü'.repeat(29)} Dupont` }),
    });
    expect([...text].length).toBeLessThanOrEqual(DM_BRIEF_MAX);
    expect(text).toMatch(THANKS);
    expect(text).toContain(`Ü${'ü'.repeat(29)}`);
  });

  it('drops the optional sentences from the end, keeping the thanks and the topic, to stay brief', () => {
    const full = draft({ topic: 'x'.repeat(40), accountName: 'A'.repeat(40), ownDomains: ['acme.fr'] });
    expect(full.text).toContain('L’équipe');
    const long = draft({
      topic: 'x'.repeat(40),
      accountName: 'A'.repeat(40),
      ownDomains: ['very-long-subdomain.acme-international-holdings.fr/bienvenue'],
      profile: follower({ name: `Ü${'ü'.repeat(29)}` }),
    });
    expect(long.text).not.toContain('L’équipe');
    expect(urls(long.text)).toEqual([]);
    expect(long.text).toContain('x'.repeat(40));
    expect(long.text).toMatch(/^Bonjour Üü+, merci de nous suivre/);
  });

  it('links to the first of the team’s domains', () => {
    const { text } = draft({ lang: 'en', ownDomains: ['acme.fr', 'acme.com'] });
    expect(urls(text)).toEqual(['https://acme.fr']);
  });

  it('has no link at all when the team has no domain', () => {
    expect(urls(draft({ lang: 'fr', ownDomains: [] }).text)).toEqual([]);
  });

  it('falls back to the @handle when the name gives nothing to greet', () => {
    const { text } = draft({ profile: follower({ name: '{{prenom}}', handle: 'marie83749201' }) });
    expect(text.startsWith('Bonjour @marie83749201, merci de nous suivre')).toBe(true);
  });

  it('signs with the team’s name on its own line, unless that name would become a link', () => {
    expect(draft({ accountName: 'Acme' }).text).toMatch(/\nL’équipe Acme$/);
    expect(draft({ lang: 'en', accountName: 'Acme' }).text).toMatch(/\nThe Acme team$/);
    const { text } = draft({ accountName: 'acme.io' });
    expect(text).not.toContain('acme.io');
    expect(urls(text)).toEqual(['https://acme.fr']);
  });

  it('reads as the whole sentence the seeds would approve of', () => {
    const { text, templateId } = draft({ topic: 'design', accountName: 'Acme' });
    expect(templateId).toBe('fr-dm-1');
    expect(text).toBe(
      'Bonjour Marie, merci de nous suivre, c’est un plaisir de vous compter parmi nous. ' +
        'Vu dans votre bio\u00A0: design, c’est aussi notre terrain. ' +
        'Si cela peut vous servir, tout ce que nous publions est ici\u00A0: https://acme.fr\nL’équipe Acme',
    );
  });
});

describe('choosing a template', () => {
  it('takes the first by default and lets pick rotate through the rest', () => {
    const ids = templatesFor('en', 'dm').map((t) => t.id);
    expect(draft({ lang: 'en' }).templateId).toBe(ids[0]);
    expect(draft({ lang: 'en', pick: (n) => n - 1 }).templateId).toBe(ids[ids.length - 1]);
  });

  it('tells pick how many templates there are, and survives a pick out of range', () => {
    let offered = 0;
    draft({ pick: (n) => ((offered = n), 0) });
    expect(offered).toBe(templatesFor('fr', 'dm').length);
    expect(draft({ pick: () => offered }).templateId).toBe(templatesFor('fr', 'dm')[0].id);
    expect(draft({ pick: () => -1 }).templateId).toBe(templatesFor('fr', 'dm')[offered - 1].id);
    expect(draft({ pick: () => Number.NaN }).templateId).toBe(templatesFor('fr', 'dm')[0].id);
  });
});

describe('the first name', () => {
  it.each([
    ['Marie Dupont', 'Marie'],
    ['🌸 Marie 🌸', 'Marie'],
    ['Marie | Growth @Acme', 'Marie'],
    ['Marie — CEO', 'Marie'],
    ['Marie (she/her)', 'Marie'],
    ['#OpenToWork Marie', 'Marie'],
    ['JEAN-PIERRE MARTIN', 'Jean-Pierre'],
    ['Jean-Luc O’Brien', 'Jean-Luc'],
    ['Dr Marie Dupont', 'Marie'],
    ['Dr. Dupont', 'Dr. Dupont'],
    ['𝓜𝓪𝓻𝓲𝓮 𝓓𝓾𝓹𝓸𝓷𝓽', 'Marie'],
    ['M̷̢̛a̸r̵i̶e̷', 'Marie'],
    ['Ma\u200Brie', 'Marie'],
    ['\u202EMarie', 'Marie'],
    ['Marie\nDupont', 'Marie'],
    ['محمد علي', 'محمد'],
    ['山田太郎', '山田太郎'],
    [`${'x'.repeat(31)} Marie`, 'Marie'],
  ])('reads %j as %j', (name, expected) => {
    expect(firstNameOf(name)).toBe(expected);
  });

  it.each(['{{prenom}}', '[First name]', '%FIRST_NAME%', 'M'.repeat(200), 'acme.com', '@acme', '12345', '🌸🌸', ''])(
    'finds no name in %j',
    (name) => {
      expect(firstNameOf(name)).toBeNull();
    },
  );

  it('never exceeds 30 characters', () => {
    for (const name of HOSTILE_NAMES) expect([...(firstNameOf(name) ?? '')].length).toBeLessThanOrEqual(30);
  });
});

describe('French and links, in detail', () => {
  it('elides de before a vowel', () => {
    expect(deFr('IA')).toBe('d’IA');
    expect(deFr('écologie')).toBe('d’écologie');
    expect(deFr('design')).toBe('de design');
  });

  it('puts no-break spaces where French typography wants them, and nowhere in a URL', () => {
    expect(frenchSpacing('Bienvenue ! Ici : https://acme.fr « oui » ; non ?')).toBe(
      'Bienvenue\u202F! Ici\u00A0: https://acme.fr «\u00A0oui\u00A0»\u202F; non\u202F?',
    );
  });

  it('leaves no breakable space before French punctuation in any French draft', () => {
    for (const { lang, channel, index } of EVERY_TEMPLATE.filter((t) => t.lang === 'fr')) {
      expect(draft({ lang, channel, topic: 'design', pick: () => index }).text).not.toMatch(/ [:;!?»]|« /);
    }
  });

  it('builds the team’s link from its domain, and refuses what is not one', () => {
    expect(ownLink(['acme.fr'])).toBe('https://acme.fr');
    expect(ownLink(['https://www.acme.fr/'])).toBe('https://www.acme.fr');
    expect(ownLink(['acme.fr/bienvenue'])).toBe('https://acme.fr/bienvenue');
    expect(ownLink([])).toBeNull();
    expect(ownLink(['localhost'])).toBeNull();
    expect(ownLink(['acme fr'])).toBeNull();
  });
});
