import * as rule from '../../src/rules/sales-pitch';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a discount airline is a kind of airline', text: 'Thanks! Your review of discount airlines was spot on.' },
    { name: "a percentage that is their thread's topic", text: 'Merci ! Ton fil sur les -30 % du Black Friday était très juste.' },
    { name: '"hurry back" wishes them back', text: 'Thanks! Hurry back, we miss you.' },
    'Merci de nous suivre ! Notre guide gratuit pour bien démarrer : brand.fr/guide',
    { name: 'a price mentioned in passing is not a pitch', text: "Merci pour le suivi ! L'atelier de jeudi coûte 10 €, on en reparle si ça vous tente ?" },
    { text: 'Thanks for the follow! Tickets for the meetup are $15, and the talks are online for free.' },
    { name: 'a free gift is not a pitch', text: 'Thanks! Feel free to grab our free checklist: brand.com/checklist' },
    { name: 'acronyms are not shouting', text: 'Thanks Sam! We write about SEO, API design and UX.' },
    { name: 'a job promotion is not a promo', text: 'Merci du suivi, Anna, et félicitations pour ta promotion !' },
    { text: 'Thanks for following, no hurry to reply.' },
    { name: 'a percentage that is not a discount', text: 'Merci ! Votre étude sur les 30 % de lecteurs mobiles est parlante.' },
    { name: 'a deadline of theirs', text: 'Thanks! Good luck with the deadline on Friday.' },
    { name: 'a sales event as the topic, not an offer', text: "Merci à toi ! J'ai adoré ton thread sur les promos abusives du Black Friday." },
    { text: 'Thanks! Your Black Friday thread was spot on.' },
    { name: 'a sales season as the topic', text: 'Merci ! Les soldes de janvier, ça te stresse aussi ?' },
    { name: 'a rush that is not haste', text: 'Thanks! The Black Friday rush must be wild for your shop.' },
    { name: 'a template field in capitals is not shouting', text: 'Hey Sam, thanks for the follow! Especially since you are into [INSERT TOPIC FROM BIO].' },
    { name: '"early" alone is not a price about to change', text: "Thanks! We'll add you to the early-access list if you like." },
  ],
  invalid: [
    { name: 'a percentage glued to its unit', text: 'Thanks! 25pct off this week.', errors: [{ messageId: 'pitch', text: '25pct off' }] },
    { name: 'money given away', text: 'Merci ! 5 € offerts sur ta première commande.', errors: [{ messageId: 'pitch', text: '5 € offerts sur ta première commande' }] },
    { name: 'free shipping in other words', text: 'Thanks! Shipping is free until Sunday.', errors: [{ messageId: 'pitch', text: 'Shipping is free' }] },
    // Lexicon phrases are read through the tokenizer's elisions and contractions ("don_t" is "do not").
    { name: 'a phrase written with an apostrophe in the lexicon', text: "Thanks for the follow! Don't wait, your seat is here.", errors: [{ messageId: 'pitch' }] },
    { name: "aujourd'hui, one word for the tokenizer", text: "Merci ! Réservez votre créneau aujourd'hui.", lang: 'fr', errors: [{ messageId: 'pitch' }] },
    { text: 'Merci ! Achetez maintenant avec le code BIENVENUE10.', errors: [{ messageId: 'pitch', text: 'Achetez' }, { messageId: 'pitch', text: 'avec le code' }] },
    { text: 'Thanks for following! Use code WELCOME for 20% off.', errors: [{ messageId: 'pitch', text: 'Use code' }, { messageId: 'pitch', text: '20% off' }] },
    { name: 'typographic spaces before the percent sign', text: 'Merci ! -20 % sur tout, code promo ACCUEIL', errors: [{ text: '-20 %' }, { text: 'code promo' }] },
    { text: 'Thanks! Limited time offer: buy now.', errors: [{ text: 'Limited time offer' }, { text: 'buy now' }] },
    { name: 'shouting in capitals', text: 'Merci ! BIENVENUE DANS LA FAMILLE, ÇA VA ÊTRE GÉNIAL', errors: [{ messageId: 'shouting', text: 'BIENVENUE DANS LA FAMILLE, ÇA VA ÊTRE GÉNIAL' }] },
    { text: 'Merci pour le suivi ! Livraison offerte ce week-end, profitez-en.', errors: [{ text: 'Livraison offerte' }, { text: 'profitez-en' }] },
    { text: "Thanks for the follow! Don't miss out: free shipping today only.", errors: [{ text: "Don't miss out" }, { text: 'free shipping' }, { text: 'today only' }] },
    { name: 'a price about to change', text: 'Thanks! Prices rise next month, so now is the time.', errors: [{ text: 'Prices rise' }] },
    { name: 'scarcity without the word promo', text: 'Merci ! Il ne reste que 3 places pour samedi.', errors: [{ text: 'Il ne reste que 3 places' }] },
    { name: 'a percentage written out', text: 'Thanks! 10 percent off your first order with HELLO10.', errors: [{ text: '10 percent off' }, { text: 'with HELLO10' }] },
    { name: 'our own sales event, on now', text: 'Thanks! Our Black Friday deals are live now.', errors: [{ messageId: 'pitch', text: 'Our Black Friday' }] },
    { text: 'Merci ! Profitez de notre Black Friday !', errors: [{ messageId: 'pitch', text: 'Profitez de notre Black Friday' }] },
    { text: 'Merci ! Nos soldes commencent demain.', errors: [{ messageId: 'pitch' }] },
    { text: 'Thanks! Early bird pricing for the bootcamp ends Friday.', errors: [{ messageId: 'pitch' }] },
  ],
});

