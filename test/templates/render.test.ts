import { describe, expect, it } from 'vitest';
import type { FollowerProfile } from '../../src/domain';
import type { TemplateSlots } from '../../src/domain/templates';
import { draftWelcome } from '../../src/rules/draft';
import { parseTemplateBody, renderTemplate, slotsOf } from '../../src/rules/render-template';
import { WELCOME_TEMPLATES } from '../../src/rules/templates';

const slots = (overrides: Partial<TemplateSlots> = {}): TemplateSlots => ({
  name: 'Marie',
  topic: 'design',
  link: 'https://acme.fr',
  account: 'Acme',
  signoff: 'L’équipe Acme',
  ...overrides,
});

const text = (body: string, s: Partial<TemplateSlots> = {}, opts: Parameters<typeof renderTemplate>[2] = { lang: 'en' }): string => {
  const result = renderTemplate(body, slots(s), opts);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.text;
};

const PLACEHOLDER = /[{}]|\[\[|\]\]|\uE000/;

describe('the template renderer', () => {
  it('fills named slots once, never reading a value as syntax', () => {
    expect(text('Hi {name}, welcome to {account}.')).toBe('Hi Marie, welcome to Acme.');
    expect(text('Hi {name}, [[about {topic}.]]', { name: '{topic} [[x]]' })).toBe('Hi {topic} [[x]], about design.');
  });

  it('drops an optional sentence whose slot is empty, and tidies the spaces it leaves', () => {
    const body = 'Thanks for following. [[Saw {topic} in your bio.]] [[Our site: {link}]]\n[[{signoff}]]';
    expect(text(body, { topic: null })).toBe('Thanks for following. Our site: https://acme.fr\nL’équipe Acme');
    expect(text(body, { topic: null, link: null, signoff: null })).toBe('Thanks for following.');
    expect(text(body, { topic: '  ' })).not.toContain('Saw');
  });

  it('drops optional sentences last first when the message runs long, and says when it still does not fit', () => {
    const body = 'Thanks for following. [[One more sentence.]] [[And the last one here.]]';
    const full = text(body);
    const shorter = renderTemplate(body, slots(), { lang: 'en', maxLength: full.length - 1 });
    expect(shorter).toMatchObject({ ok: true, text: 'Thanks for following. One more sentence.', dropped: 1, fits: true });
    const shortest = renderTemplate(body, slots(), { lang: 'en', maxLength: 10 });
    expect(shortest).toMatchObject({ ok: true, text: 'Thanks for following.', dropped: 2, fits: false });
  });

  it('takes the glue of an unknown first name along, and capitalises a sentence it opened', () => {
    expect(text('Hi {name}, thanks.', { name: null })).toBe('Hi, thanks.');
    expect(text('Thank you for the follow, {name}, and welcome.', { name: null })).toBe('Thank you for the follow, and welcome.');
    expect(text('{name}, merci pour votre intérêt.', { name: null }, { lang: 'fr' })).toBe('Merci pour votre intérêt.');
    expect(text('Welcome. {name}, glad you came.', { name: null })).toBe('Welcome. Glad you came.');
  });

  it('elides French "de" before a vowel: {de topic}', () => {
    const body = 'Merci. [[Votre bio parle {de topic}.]]';
    expect(text(body, { topic: 'IA' }, { lang: 'fr' })).toBe('Merci. Votre bio parle d’IA.');
    expect(text(body, { topic: 'écologie' }, { lang: 'fr' })).toBe('Merci. Votre bio parle d’écologie.');
    expect(text(body, { topic: 'design' }, { lang: 'fr' })).toBe('Merci. Votre bio parle de design.');
    expect(text(body, { topic: 'hardware' }, { lang: 'fr' })).toBe('Merci. Votre bio parle de hardware.');
  });

  it('speaks vous or tu as the account says, and English always takes the first form', () => {
    const body = 'Merci, c’est un plaisir de {vous|te} compter parmi nous. [[Vu dans {votre|ta} bio : {topic}.]]';
    expect(text(body, {}, { lang: 'fr' })).toBe('Merci, c’est un plaisir de vous compter parmi nous. Vu dans votre bio\u00A0: design.');
    expect(text(body, {}, { lang: 'fr', address: 'tu' })).toBe('Merci, c’est un plaisir de te compter parmi nous. Vu dans ta bio\u00A0: design.');
    expect(text('Thanks {you|thee}.', {}, { lang: 'en', address: 'tu' })).toBe('Thanks you.');
  });

  it('writes French no-break spaces before : ; ! ? and inside guillemets', () => {
    expect(text('Bienvenue ! [[Ici : {link} « oui » ?]]', {}, { lang: 'fr' })).toBe('Bienvenue\u202F! Ici\u00A0: https://acme.fr «\u00A0oui\u00A0»\u202F?');
  });

  it('refuses an unknown slot by its name, and broken syntax, rather than send a placeholder', () => {
    expect(renderTemplate('Bonjour {prenom} !', slots(), { lang: 'fr' })).toEqual({ ok: false, problems: [{ code: 'unknown-slot', slot: 'prenom' }] });
    expect(parseTemplateBody('Hi [[there')).toMatchObject({ ok: false, problems: [{ code: 'unclosed-optional' }] });
    expect(parseTemplateBody('Hi [[a [[b]] c]]')).toMatchObject({ ok: false, problems: expect.arrayContaining([{ code: 'nested-optional' }]) });
    expect(parseTemplateBody('Hi {name')).toMatchObject({ ok: false, problems: [{ code: 'stray-bracket' }] });
    expect(parseTemplateBody('Hi there]]')).toMatchObject({ ok: false, problems: [{ code: 'stray-bracket' }] });
    expect(parseTemplateBody('Hi [[one\ntwo]]')).toMatchObject({ ok: false });
    expect(parseTemplateBody('   ')).toMatchObject({ ok: false, problems: [{ code: 'empty-body' }] });
    // A slot that may be empty belongs in an optional sentence.
    expect(parseTemplateBody('About {topic}.')).toEqual({ ok: false, problems: [{ code: 'slot-not-optional', slot: 'topic' }] });
    expect(renderTemplate('From {account}.', slots({ account: null }), { lang: 'en' })).toEqual({ ok: false, problems: [{ code: 'empty-slot', slot: 'account' }] });
  });

  it('lists the slots a body uses', () => {
    expect(slotsOf('Hi {name}. [[{de topic}]] [[{link}]] {name}')).toEqual(['name', 'topic', 'link']);
  });

  it('never leaves a placeholder, whichever slots of a built-in template are empty', () => {
    const values = [null, '', 'Zoé'];
    for (const template of WELCOME_TEMPLATES) {
      for (const name of values) for (const topic of [null, 'IA']) for (const link of [null, 'https://acme.fr']) for (const signoff of [null, 'L’équipe Acme']) {
        for (const address of ['vous', 'tu'] as const) {
          const result = renderTemplate(template.body, { name, topic, link, account: 'Acme', signoff }, { lang: template.lang, address, maxLength: 280 });
          expect(result.ok, template.id).toBe(true);
          if (result.ok) {
            expect(result.text, template.id).not.toMatch(PLACEHOLDER);
            expect(result.text, template.id).not.toMatch(/ {2}|^\s|\s$| [,.]/);
          }
        }
      }
    }
  });
});

const profile = (overrides: Partial<FollowerProfile> = {}): FollowerProfile => ({
  xUserId: '42',
  handle: 'marie_dupont',
  name: 'Marie Dupont',
  bio: '',
  location: null,
  url: null,
  createdAt: null,
  followersCount: 10,
  followingCount: 10,
  postsCount: 10,
  verified: false,
  protected: false,
  defaultAvatar: false,
  receivesYourDm: true,
  connectionStatus: [],
  ...overrides,
});

describe('the built-in templates as bodies', () => {
  it('keep their ids, and every French one has a tu form with no vous left in it', () => {
    expect(WELCOME_TEMPLATES.map((t) => t.id)).toEqual([
      'fr-dm-1', 'fr-dm-2', 'fr-dm-3', 'en-dm-1', 'en-dm-2', 'en-dm-3', 'fr-mention-1', 'fr-mention-2', 'fr-mention-3', 'en-mention-1', 'en-mention-2', 'en-mention-3',
    ]);
    for (const template of WELCOME_TEMPLATES.filter((t) => t.lang === 'fr')) {
      for (const pick of [0]) {
        const tu = draftWelcome({ profile: profile(), lang: 'fr', channel: template.channel, topic: 'IA', ownDomains: ['acme.fr'], accountName: 'Acme', address: 'tu', templates: [{ key: template.key, version: 1, body: template.body }], pick: () => pick });
        expect(tu.text, template.id).not.toMatch(/\b(vous|votre|vos)\b/i);
        expect(tu.text, template.id).toMatch(/\b(te|tu|ta|ton|toi|t’)/i);
        const vous = draftWelcome({ profile: profile(), lang: 'fr', channel: template.channel, topic: 'IA', ownDomains: ['acme.fr'], accountName: 'Acme', templates: [{ key: template.key, version: 1, body: template.body }] });
        expect(vous.text, template.id).toMatch(/\b(vous|votre)\b/i);
      }
    }
  });

  it('render the texts the code wrote before templates were bodies', () => {
    const draft = (lang: 'fr' | 'en', channel: 'dm' | 'mention', pick: number, name = 'Marie Dupont', topic: string | null = 'IA') =>
      draftWelcome({ profile: profile({ name }), lang, channel, topic, ownDomains: ['acme.fr'], accountName: 'Acme', pick: () => pick }).text;
    expect(draft('fr', 'dm', 0)).toBe(
      'Bonjour Marie, merci de nous suivre, c’est un plaisir de vous compter parmi nous. Vu dans votre bio\u00A0: IA, c’est aussi notre terrain. Si cela peut vous servir, tout ce que nous publions est ici\u00A0: https://acme.fr\nL’équipe Acme',
    );
    expect(draft('fr', 'dm', 2, '🌸', null)).toBe('@marie_dupont, merci pour votre intérêt, et bienvenue. Vous trouverez nos derniers articles sur https://acme.fr\nL’équipe Acme');
    expect(draft('fr', 'mention', 1)).toBe('@marie_dupont Bienvenue Marie, et merci pour votre intérêt. Votre bio parle d’IA, un sujet qui nous tient à cœur.');
    expect(draft('en', 'mention', 2, '🌸', null)).toBe('@marie_dupont Thank you for the follow. Glad to have you here.');
  });

  it('sign with the account’s own sign-off when it has one', () => {
    const text = draftWelcome({ profile: profile(), lang: 'en', channel: 'dm', topic: null, ownDomains: [], accountName: 'Acme', signOff: 'Marie, for Acme' }).text;
    expect(text.split('\n').at(-1)).toBe('Marie, for Acme');
  });
});
