import * as rule from '../../src/rules/copy-paste';
import type { AuditHistory } from '../../src/rules/types';
import { ruleTester } from './rule-tester';

const history = (...sentTexts: string[]): AuditHistory => ({ previousWelcome: null, sentTexts });

const frenchTemplate = history(
  'Merci Paul de nous suivre, bienvenue dans la communauté !',
  'Merci Zoé de nous suivre, bienvenue dans la communauté !',
  'Merci Karim de nous suivre, bienvenue dans la communauté !',
);
const englishTemplate = history(
  'Thanks @leo for the follow! Our guide is at https://brand.com/start?ref=leo',
  'Thanks @mia for the follow! Our guide is at https://brand.com/start?ref=mia',
  'Hi Raj, lovely to meet you. Your talk on caching was great.',
);

ruleTester(rule, {
  valid: [
    { name: 'a text written for this person', text: "Merci Anna ! J'ai adoré votre fil sur la poterie raku.", history: frenchTemplate },
    { text: 'Thanks Sam! Your thread on Postgres indexes taught me a lot.', history: englishTemplate },
    { name: 'sent once before is a coincidence, not a template', text: 'Merci Anna de nous suivre, bienvenue dans la communauté !', history: history('Merci Paul de nous suivre, bienvenue dans la communauté !', 'Un tout autre message.') },
    { name: 'no welcomes sent yet', text: 'Thanks for the follow, Sam! Glad you are here.', history: history() },
    { name: 'too short to call a copy', text: 'Merci Anna !', history: history('Merci Paul !', 'Merci Zoé !', 'Merci Léo !') },
    { text: 'Thanks Priya! Loved your photos of Lisbon.', history: englishTemplate },
  ],
  invalid: [
    { text: 'Merci Anna de nous suivre, bienvenue dans la communauté !', history: frenchTemplate, errors: [{ messageId: 'repeated', start: 0, end: 57 }] },
    { name: 'case, accents and punctuation do not disguise a copy', text: 'MERCI ANNA DE NOUS SUIVRE... BIENVENUE DANS LA COMMUNAUTE', lang: 'fr', history: frenchTemplate, errors: [{ messageId: 'repeated' }] },
    { name: 'other mentions and links do not disguise a copy', text: 'Thanks @sam for the follow! Our guide is at https://brand.com/start?ref=sam', history: englishTemplate, errors: [{ messageId: 'repeated' }] },
    { text: 'Thanks @sam for the follow! Our guide is at brand.com', history: englishTemplate, errors: [{ messageId: 'repeated' }] },
    { name: 'words in another order', text: 'Bienvenue dans la communauté, Anna, et merci de nous suivre !', history: frenchTemplate, errors: [{ messageId: 'repeated' }] },
    {
      text: 'Hi Sam, thanks for following! We share one tip a week.',
      history: history('Hi Leo, thanks for following! We share one tip a week.', 'Hi Mia, thanks for following! We share one tip a week.'),
      errors: [{ messageId: 'repeated', text: 'Hi Sam, thanks for following! We share one tip a week.' }],
    },
  ],
});
