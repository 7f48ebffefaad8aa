import * as rule from '../../src/rules/link-in-public-welcome';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { text: '@lea Merci de nous suivre, Léa ! Ravis de vous compter parmi nous.', kind: 'mention' },
    { text: '@sam Thanks for following, Sam! Glad to have you here.', kind: 'mention' },
    { name: 'a DM is where the link goes', text: 'Merci Léa ! Tout ce que nous publions est sur https://maison-lumen.fr', kind: 'dm' },
    { text: 'Thanks Sam! Everything we publish is at https://maison-lumen.fr', kind: 'dm' },
    { name: 'an e-mail address is not a link', text: '@sam Thanks for following! Questions? aide@brand.fr', kind: 'mention' },
    { text: '@jules Merci Jules, vos céramiques sont superbes !', kind: 'mention' },
  ],
  invalid: [
    {
      text: '@paul Hi Paul, thanks for following us! Everything we publish is at https://atelier-lumen.fr',
      kind: 'mention',
      errors: [{ messageId: 'linkInPost', text: 'https://atelier-lumen.fr' }],
    },
    { name: 'a bare domain is a link on X too', text: '@sam Thanks! More at www.shop.com', kind: 'mention', errors: [{ text: 'www.shop.com' }] },
    { text: '@lea Merci Léa ! Nos articles sont sur maison-lumen.fr/blog', kind: 'mention', errors: [{ text: 'maison-lumen.fr/blog' }] },
    { text: '@ana Merci Ana ! Voir https://maison-lumen.fr et https://shop.fr', kind: 'mention', errors: [{ text: 'https://maison-lumen.fr' }, { text: 'https://shop.fr' }] },
    { text: '@ben Thanks Ben, our guide: https://brand.com/guide', kind: 'mention', errors: [{ text: 'https://brand.com/guide' }] },
    { text: '@zoe Merci Zoé ! Passez sur www.atelier.fr', kind: 'mention', errors: [{ text: 'www.atelier.fr' }] },
  ],
});
