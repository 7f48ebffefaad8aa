import * as rule from '../../src/rules/self-centered';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'an infinitive of purpose for the reader', text: "Merci ! Le mieux pour suivre nos nouveautés, c'est notre chaîne YouTube.", lang: 'fr' },
    { name: 'a question is put to them, even one about us', text: 'Thanks a lot! Why us, if I may ask?' },
    { name: 'an imperative mid-sentence has an implied "you"', text: 'Thanks! We make lamps, so give us a shout.' },
    { name: 'a French "tu" imperative', text: 'Merci ! Pense à regarder notre atelier, on y fabrique tout.', lang: 'fr' },
    { name: 'their name in the greeting, with no follower known', text: 'Thanks for the follow, Ines! Our shop is in Leeds and we make lamps.' },
    'Merci de nous suivre ! Sur quoi travaillez-vous en ce moment ?',
    'Thanks for the follow! What are you building these days?',
    { name: 'naming the person is talking to them', text: 'Thanks Sam! We post a short tip every Monday.', follower: { name: 'Sam Lee', handle: 'samlee' } },
    { name: 'tagging the person is talking to them', text: 'Merci @lea_b ! Nous publions chaque lundi une astuce.', kind: 'mention', follower: { handle: 'lea_b' } },
    { text: "Merci ! Notre blog parle de céramique ; ton travail sur l'émail m'a plu." },
    { name: 'one "we" is not self-centred', text: 'Thanks for following us!' },
    { name: 'offering help is about them, even without "you"', text: "Thanks for the follow! Feel free to ask us anything about e-bikes, we're happy to help." },
    { name: 'inclusive "on" once, with a question', text: 'Merci ! On se voit au salon ?', lang: 'fr' },
  ],
  invalid: [
    { name: 'an infinitive about us is still about us', text: "Thanks! We're thrilled to see our community grow and our team is growing.", errors: [{ messageId: 'allAboutUs' }] },
    { name: '"just" after "we" is no imperative', text: "Thanks! We've just hit 10k followers and we're celebrating all week!", errors: [{ messageId: 'allAboutUs' }] },
    { text: 'Thanks for following us! We post about design every week, our favourite topic.', errors: [{ messageId: 'allAboutUs', start: 0, text: 'Thanks for following us! We post about design every week, our favourite topic.' }] },
    { text: 'Bienvenue ! Nous sommes une agence, notre équipe adore son métier, nos clients aussi.', errors: [{ messageId: 'allAboutUs' }] },
    { name: 'elided "j’" counts as "I"', text: "Merci ! J’écris sur le vin, j’anime un club à Lyon et mon blog en parle.", errors: [{ messageId: 'allAboutUs' }] },
    {
      text: 'Merci de nous suivre ! Nous sommes une agence : nous aidons nos clients, notre blog parle de nos projets, et vous y trouverez tout.',
      errors: [{ messageId: 'mostlyAboutUs' }],
    },
    { text: 'Thanks! I run a studio, my team and I make lamps, and our shop is online. Our best lamps ship worldwide. See you!', errors: [{ messageId: 'mostlyAboutUs' }] },
    { name: 'someone else’s name does not count as theirs', text: 'Thanks Sam! We post a short tip every Monday from our studio, my favourite day.', follower: { name: 'Priya' }, errors: [{ messageId: 'allAboutUs' }] },
    { name: 'French "on" as we, and no word to them', text: 'Merci ! On fabrique des vélos, on les teste en montagne.', lang: 'fr', errors: [{ messageId: 'allAboutUs' }] },
    { name: '"thank you" is not talking about them', text: 'Thank you! The studio makes lamps and our shop ships worldwide.', errors: [{ messageId: 'allAboutUs' }] },
  ],
});
