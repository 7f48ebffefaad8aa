import * as rule from '../../src/rules/no-dm-from-personal-account';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { text: 'Merci de nous suivre, Anna !', accountKind: 'business' },
    { text: 'Thanks for the follow, Sam!', accountKind: 'business', kind: 'dm' },
    { name: 'a public mention from a personal account is the friendly way', text: 'Merci @anna pour le suivi !', accountKind: 'personal', kind: 'mention' },
    { text: 'Thanks @sam, glad to have you here.', accountKind: 'personal', kind: 'mention' },
    { name: 'business is the default account kind', text: 'Merci pour le follow, Léa, et à bientôt.' },
    { text: 'Thanks for following, Priya! Enjoy the feed.' },
  ],
  invalid: [
    { text: 'Merci de me suivre, Anna !', accountKind: 'personal', errors: [{ messageId: 'personalDm', start: 0, end: 26 }] },
    { text: 'Thanks for the follow, Sam!', accountKind: 'personal', kind: 'dm', errors: [{ messageId: 'personalDm', text: 'Thanks for the follow, Sam!' }] },
    { name: 'a DM is the default channel', text: 'Merci pour le suivi, ravi de te lire.', accountKind: 'personal', errors: [{ messageId: 'personalDm' }] },
    { text: 'Hey Priya, thanks for following! 🙂', accountKind: 'personal', errors: [{ messageId: 'personalDm', end: 35 }] },
    { name: 'even an empty draft', text: '', lang: 'en', accountKind: 'personal', errors: [{ messageId: 'personalDm', start: 0, end: 0 }] },
    { text: 'Bonjour Jules, merci du suivi.', lang: 'fr', accountKind: 'personal', errors: [{ messageId: 'personalDm' }] },
  ],
});
