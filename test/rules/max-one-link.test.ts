import * as rule from '../../src/rules/max-one-link';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    'Merci de nous suivre ! Notre guide est ici : https://brand.com/guide',
    'Thanks for the follow! Our getting-started guide: brand.com/start',
    { name: 'file names and abbreviations are not links', text: 'Thanks! We love Node.js, e.g. the README.md of your project.' },
    { name: 'an e-mail address is not a link', text: 'Merci ! Une question ? Écrivez à aide@brand.com, nous répondons vite.' },
    { name: 'a missing space after a full stop is not a domain', text: 'Merci pour le follow.Bienvenue parmi nous.' },
    { name: 'the same address written once', text: 'Thanks for following! Everything is on www.brand.com.' },
  ],
  invalid: [
    {
      text: 'Merci ! Notre blog : https://brand.com/blog et notre boutique : https://shop.brand.com',
      errors: [{ messageId: 'extraLink', text: 'https://shop.brand.com' }],
    },
    { name: 'bare domains count', text: 'Thanks! See www.shop.com and instagram.com/brand', errors: [{ messageId: 'extraLink', text: 'instagram.com/brand' }] },
    {
      text: 'Thanks for the follow! Guide: https://brand.com/guide, docs: docs.brand.com, blog: brand.com/blog.',
      errors: [{ text: 'docs.brand.com' }, { text: 'brand.com/blog' }],
    },
    { name: 'trailing punctuation is not part of the link', text: 'Bienvenue ! (voir brand.fr/aide) et brand.fr/faq.', errors: [{ text: 'brand.fr/faq' }] },
    { name: 'offsets survive emoji before the link', text: 'Merci 🙏🎉 ! brand.com/a 👉 brand.com/b', errors: [{ messageId: 'extraLink', text: 'brand.com/b' }] },
    { text: 'Thanks!\nhttp://a.example.com\nhttp://b.example.org', errors: [{ start: 29, end: 49, text: 'http://b.example.org' }] },
  ],
});
