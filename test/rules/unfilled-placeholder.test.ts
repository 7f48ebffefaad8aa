import * as rule from '../../src/rules/unfilled-placeholder';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    'Merci de nous suivre, Anna !',
    'Thanks for the follow, Sam! <3',
    { name: 'a percentage is not a merge tag', text: 'Thanks! 90% of our readers start with this guide: brand.com/start' },
    { name: 'brackets around ordinary words', text: 'Merci ! Notre dernier article [vidéo] est ici : brand.fr/blog' },
    { text: 'Merci pour le suivi, Léa. 50 % de nos lecteurs sont des artisans, comme vous.' },
    { name: 'a real handle is not a placeholder', text: 'Thanks @sam_dev, welcome!' },
  ],
  invalid: [
    { text: 'Bonjour {{prenom}}, merci de nous suivre !', errors: [{ messageId: 'placeholder', start: 8, end: 18, text: '{{prenom}}' }] },
    { text: 'Hi [First name], thanks for the follow!', errors: [{ text: '[First name]' }] },
    { text: 'Hello %FIRST_NAME%, thanks for following!', errors: [{ text: '%FIRST_NAME%' }] },
    { text: 'Merci [PRÉNOM] ! Voici notre guide : [lien]', errors: [{ text: '[PRÉNOM]' }, { text: '[lien]' }] },
    { name: 'offsets survive emoji', text: '👋🎉 Merci ${name} !', errors: [{ text: '${name}' }] },
    { text: 'Thanks *|FNAME|*! Loved your post about <topic>.', errors: [{ text: '*|FNAME|*' }, { text: '<topic>' }] },
    { text: 'Merci @pseudo pour le suivi, XXX', errors: [{ text: '@pseudo' }, { text: 'XXX' }] },
    { text: "Merci [NOM DE L'ENTREPRISE] !", errors: [{ text: "[NOM DE L'ENTREPRISE]" }] },
  ],
});
