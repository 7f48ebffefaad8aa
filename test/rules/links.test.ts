import { describe, expect, it } from 'vitest';
import { extractLinks, isHostUnder, normalizeDomain } from '../../src/rules/links';

const linksIn = (text: string) => extractLinks(text).map((link) => ({ text: text.slice(link.start, link.end), host: link.host, domain: link.domain }));

describe('finding links in a welcome', () => {
  it('finds scheme links, www. addresses and bare domains with a path', () => {
    expect(linksIn('Voir https://Help.Brand.com/a?b=1, www.shop.com et instagram.com/brand.')).toEqual([
      { text: 'https://Help.Brand.com/a?b=1', host: 'help.brand.com', domain: 'brand.com' },
      { text: 'www.shop.com', host: 'www.shop.com', domain: 'shop.com' },
      { text: 'instagram.com/brand', host: 'instagram.com', domain: 'instagram.com' },
    ]);
  });

  it('takes bare domains only when their suffix is a real one', () => {
    expect(linksIn('We love Node.js and Vue.js, e.g. for brand.io; i.e. a lot.')).toEqual([{ text: 'brand.io', host: 'brand.io', domain: 'brand.io' }]);
  });

  it('reads a one-dot name in capitals as a product, not an address; an address in capitals stays one', () => {
    expect(linksIn('Your VB.NET and ML.NET notes were great.')).toEqual([]);
    expect(linksIn('Tout est sur WWW.BRAND.COM ou SHOP.BRAND.COM.').map((link) => link.host)).toEqual(['www.brand.com', 'shop.brand.com']);
  });

  it('does not read a link inside a template field or a code span', () => {
    expect(linksIn('Hi ${user.name}, {{ contact.site }} and %user.url%! That `user.name` bug was nasty.')).toEqual([]);
    expect(linksIn('Hi {name}, see brand.com/start')).toHaveLength(1);
  });

  it('does not mistake file names, e-mail addresses or a missing space for links', () => {
    expect(linksIn('See README.md and deploy.sh, write to hi@brand.com. Thanks for the follow.Today we ship.')).toEqual([]);
  });

  it('keeps a closing parenthesis that belongs to the link and drops the one that does not', () => {
    expect(linksIn('(voir brand.fr/aide) puis https://en.wikipedia.org/wiki/Foo_(bar).').map((link) => link.text)).toEqual([
      'brand.fr/aide',
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    ]);
  });
});

describe('own domains', () => {
  it('are compared however the team wrote them', () => {
    expect(normalizeDomain(' https://www.Brand.com/ ')).toBe('brand.com');
  });

  it('cover their subdomains but not lookalikes', () => {
    expect(isHostUnder('help.brand.com', ['brand.com'])).toBe(true);
    expect(isHostUnder('brand.com', ['brand.com'])).toBe(true);
    expect(isHostUnder('brand.com.evil.com', ['brand.com'])).toBe(false);
    expect(isHostUnder('mybrand.com', ['brand.com'])).toBe(false);
  });
});
