import * as rule from '../../src/rules/unfilled-placeholder';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a constant that contains a slot word', text: 'Thanks, Remy! Your tips on NAME_MAX limits were gold.' },
    { name: 'a marker used as a word', text: 'Thanks! Your TODO app is neat.' },
    'Merci de nous suivre, Anna !',
    'Thanks for the follow, Sam! <3',
    { name: 'a percentage is not a merge tag', text: 'Thanks! 90% of our readers start with this guide: brand.com/start' },
    { name: 'brackets around ordinary words', text: 'Merci ! Notre dernier article [vidéo] est ici : brand.fr/blog' },
    { text: 'Merci pour le suivi, Léa. 50 % de nos lecteurs sont des artisans, comme vous.' },
    { name: 'a real handle is not a placeholder', text: 'Thanks @sam_dev, welcome!' },
    { name: 'HTML, shell and Python are not slots', text: 'Thanks! Your <br> rant, the $HOME tip and __init__ trick were great.' },
    { text: 'Merci ! Vos slides sur la NASA et le C++ sont top <3' },
    { name: 'template syntax shown as code', text: 'Thanks a ton, Sara! That `${a}-${b}` template-literal trick in your thread was neat.' },
    { text: "Merci pour le follow ! Ton tuto sur les `{{ variables }}` de Jinja m'a sauvé." },
    { text: 'Thanks! Loved the ```{{ first_name }}``` example in your post.' },
    { name: 'double braces naming the syntax, not a field', text: 'Thanks! I read your post on {{ mustache }} templates.' },
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
    { name: 'a slot name in capitals', text: 'Thanks for the follow, FIRST_NAME!', errors: [{ text: 'FIRST_NAME' }] },
    { name: 'a dollar variable', text: 'Bonjour $prenom, merci !', errors: [{ text: '$prenom' }] },
    { name: 'blanks to fill in', text: 'Merci ____ pour le suivi !', errors: [{ text: '____' }] },
    { name: 'a field with a dot in it', text: 'Hi ${user.name}, thank you for the follow!', errors: [{ messageId: 'placeholder', text: '${user.name}' }] },
    { name: 'double braces with a field shape', text: 'Hi {{ follower_handle }}, thanks!', errors: [{ messageId: 'placeholder', text: '{{ follower_handle }}' }] },
  ],
});
