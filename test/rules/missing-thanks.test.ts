import * as rule from '../../src/rules/missing-thanks';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { name: '"cheers" after their handle, with their name', text: '@tom_builds cheers, Tom! What are you working on these days?' },
    { name: '"cheers" with a vocative', text: "@hamish_g cheers pal! Your highland photos are braw." },
    "'Preciate it, Dee!",
    { name: 'appreciation for the follow in other words', text: 'Big ups for the follow, Ray!' },
    { name: 'cheers opening the message is thanks', text: 'Cheers, Sam! Your work is great.' },
    'Merci de nous suivre, Anna !',
    { name: '"un grand merci" is thanks', text: 'Un grand MERCI pour le suivi 🙏' },
    { text: 'Nous vous remercions de votre confiance, bienvenue !' },
    'Thanks for the follow, Sam!',
    { name: '"appreciate the follow" is thanks', text: 'Really appreciate the follow, Sam. What are you working on?' },
    { text: 'Thank you so much for following us!' },
    { text: "Grateful you're here, Priya. Welcome!" },
    { name: 'thanks glued to an emoji', text: 'Bienvenue Léa, merci🙏' },
    { name: 'informal thanks', text: 'Tysm for the follow!' },
    { text: 'Mille mercis pour le suivi !' },
    { name: 'British "ta"', text: 'Ta very much for the follow! Your Vue.js tips are gold.' },
    { text: 'Ta, Sam! Good to have you here.' },
    { text: 'Merci mille fois, Léa !' },
    { text: 'Grand merci pour le suivi !' },
    { text: 'Mercii 😊' },
    { text: 'Thx for the follow!' },
  ],
  invalid: [
    { name: 'cheers as a sign-off is not thanks', text: 'Welcome aboard! Your work is lovely. Cheers, the team', errors: [{ messageId: 'noThanks' }] },
    { text: 'Bienvenue parmi nous, Anna !', errors: [{ messageId: 'noThanks', start: 0, end: 28 }] },
    { name: 'a greeting is not thanks', text: 'Ravi de vous compter parmi nous !', errors: [{ messageId: 'noThanks' }] },
    { text: 'Welcome aboard, Sam!', errors: [{ messageId: 'noThanks', text: 'Welcome aboard, Sam!' }] },
    { text: 'Glad to have you here. What are you working on these days?', errors: [{ messageId: 'noThanks' }] },
    { name: 'an emoji alone is not thanks', text: 'Hi Priya 🙏 great to see you here!', errors: [{ messageId: 'noThanks' }] },
    { name: '"mercier" is a trade, not a thank-you', text: 'Bonjour ! Nous sommes un mercier lyonnais, bienvenue.', errors: [{ messageId: 'noThanks' }] },
    { name: 'the French "ta" (your) is not thanks', text: 'Bienvenue ! Ta boutique est superbe.', errors: [{ messageId: 'noThanks' }] },
  ],
});
