import * as rule from '../../src/rules/interrogation';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'how they liked an event, with an inverted "tu"', text: "Merci ! Comment as-tu trouvé l'expo ?" },
    { name: 'a friendly question about their work', text: 'Thanks for the follow! What are you working on these days?' },
    { text: 'Merci de nous suivre ! Sur quoi travaillez-vous en ce moment ?' },
    { name: 'asking how they liked something is feedback, not an interrogation', text: "Merci ! Comment avez-vous trouvé l'atelier de jeudi ?" },
    { text: 'Thanks Sam! How did you find our workshop last week?' },
    { name: '"pourquoi" about something else', text: 'Merci ! Je suis curieux : pourquoi le compost ? Votre fil en parle beaucoup.' },
    { text: 'Thanks! Why not tell us what you are building? No pressure.' },
    { text: 'Merci pour le suivi ! Qu’est-ce qui vous passionne dans la céramique ?' },
    { name: 'what brings them to their own craft is about them', text: "Merci de nous suivre ! Qu'est-ce qui vous amène à la poterie ?" },
    { name: 'what got them into their craft', text: 'Thanks! What got you into letterpress printing?' },
  ],
  invalid: [
    { name: 'the cause of the follow, split from its question word', text: 'Thanks! What was it that got you to follow us?', errors: [{ messageId: 'whyFollow', text: 'What was it that got you to follow' }] },
    { text: 'Thanks! Why did you follow me?', errors: [{ messageId: 'whyFollow', text: 'Why did you follow' }] },
    { text: 'Merci ! Comment nous avez-vous trouvés ?', errors: [{ messageId: 'howFound', text: 'Comment nous avez-vous trouvés' }] },
    { name: 'typographic apostrophe and no-break space', text: 'Merci ! Qu’attendez-vous de nous\u00a0?', errors: [{ messageId: 'whatExpect', text: 'Qu’attendez-vous de nous\u00a0?' }] },
    { text: 'pourquoi tu me suis ?', lang: 'fr', errors: [{ messageId: 'whyFollow', text: 'pourquoi tu me suis' }] },
    { name: 'from the seeds', text: "Bonjour ! Comment tu es arrivé sur ma page twitter ? Merci", errors: [{ messageId: 'howFound', text: 'Comment tu es arrivé sur ma' }] },
    { text: 'Thanks for following! How did you hear about us?', errors: [{ messageId: 'howFound', text: 'How did you hear about' }] },
    { text: "Thanks! What do you expect from us? We'd love to know.", errors: [{ messageId: 'whatExpect', text: 'What do you expect from us?' }] },
    { text: 'Welcome! What made you follow us?', errors: [{ messageId: 'whyFollow', text: 'What made you follow' }] },
    { text: "Merci ! Qu'est-ce qui t'a amené ici ?", errors: [{ messageId: 'whyFollow', text: "Qu'est-ce qui t'a amené ici" }] },
    { text: 'Thanks! What brings you here?', errors: [{ messageId: 'whyFollow', text: 'What brings you here' }] },
    { name: 'shouted, across a line break', text: "Merci !\nQU'EST-CE QUE TU ATTENDS DE\nNOTRE COMPTE ?", errors: [{ messageId: 'whatExpect', text: "ATTENDS DE\nNOTRE COMPTE ?" }] },
    { name: 'indirect, no question mark', text: 'Thanks! Tell me what led you to follow this account', errors: [{ messageId: 'whyFollow' }] },
    { name: 'inversion', text: 'Merci ! Vous nous avez découverts comment ?', errors: [{ messageId: 'howFound' }] },
    { name: 'expectations as a noun', text: 'Merci ! Quelles sont tes attentes vis-à-vis de notre compte ?', errors: [{ messageId: 'whatExpect' }] },
  ],
});
