import * as rule from '../../src/rules/link-off-domain';
import { ruleTester } from './rule-tester';

const ownDomains = ['brand.com'];

ruleTester(rule, {
  valid: [
    { text: 'Merci de nous suivre ! Notre guide : https://brand.com/guide', ownDomains },
    { name: 'subdomains of an own domain are on-domain', text: 'Thanks for the follow! Help is at help.brand.com', ownDomains },
    { text: 'Thanks! Docs: https://docs.brand.com/start?ref=x#top', ownDomains },
    { name: 'own domains are compared however the team wrote them', text: 'Merci ! Tout est sur WWW.BRAND.COM/aide.', ownDomains: ['https://www.brand.com/'] },
    { text: 'Merci pour le suivi ! Le blog : blog.brand.fr/debuter', ownDomains: ['brand.com', 'brand.fr'] },
    { name: 'no link, nothing to check', text: 'Thanks for following, Sam! What are you working on these days?', ownDomains: [] },
  ],
  invalid: [
    { text: 'Merci ! Voici notre page : https://facebook.com/brand', ownDomains, errors: [{ messageId: 'offDomain', text: 'https://facebook.com/brand' }] },
    { name: 'a lookalike that starts with the own domain', text: 'Thanks! Log in at brand.com.evil.com/login', ownDomains, errors: [{ messageId: 'lookalike', text: 'brand.com.evil.com/login' }] },
    { text: 'Thanks! See brand-com.net for more.', ownDomains, errors: [{ messageId: 'lookalike', text: 'brand-com.net' }] },
    { name: 'link shorteners hide the destination', text: 'Merci ! Notre guide : bit.ly/3xYz et https://t.co/abc', ownDomains, errors: [{ messageId: 'shortener', text: 'bit.ly/3xYz' }, { messageId: 'shortener', text: 'https://t.co/abc' }] },
    { text: 'Thanks for the follow! tinyurl.com/brand-guide', ownDomains, errors: [{ messageId: 'shortener' }] },
    { name: 'without own domains, a link cannot be shown to be the team’s', text: 'Merci pour le suivi ! www.brand.com/guide', ownDomains: [], errors: [{ messageId: 'noOwnDomains', text: 'www.brand.com/guide' }] },
    { text: 'Thanks! https://brand.co/offer', ownDomains, errors: [{ messageId: 'lookalike' }] },
  ],
});
