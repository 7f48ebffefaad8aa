import * as rule from '../../src/rules/no-contact-harvest';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'offering our own address is not asking for theirs', text: 'Merci de nous suivre ! Une question ? Écrivez-nous par e-mail à aide@brand.fr.' },
    'Thanks for the follow! If you ever need help, email us at help@brand.com.',
    { text: 'Merci pour le suivi, Anna. Sur quoi travaillez-vous en ce moment ?' },
    { name: 'a friendly question about their work', text: "Thanks Sam! What's your team building these days?" },
    { text: 'Merci ! Notre guide gratuit est ici : brand.fr/guide' },
    { name: 'their phone number is not ours to ask; their project is fine', text: 'Thanks! How is your new project going?' },
    { name: 'e-mail as their topic', text: "Merci ! Votre fil sur l'e-mail marketing éthique m'a plu." },
    { text: 'Thanks! Your thread on phone-free evenings was lovely.' },
    { name: 'giving a way to reach the team is not asking for theirs', text: 'Merci ! Nous sommes joignables par email à hello@brand.com si besoin.' },
    { name: 'a rank, not a phone number', text: "Thanks! What's your number one tip for beginners?" },
    { text: 'Thanks! Feel free to text us anytime if you have questions.' },
    { text: 'Merci ! Un petit café ?' },
  ],
  invalid: [
    { text: 'Merci ! Laissez-nous votre e-mail pour recevoir nos conseils.', errors: [{ messageId: 'email', text: 'Laissez-nous votre e-mail' }] },
    { text: 'Thanks for following! Send us your email address and we will keep you posted.', errors: [{ messageId: 'email', text: 'Send us your email address' }] },
    { text: 'Merci du suivi ! Quel est ton numéro de téléphone ?', errors: [{ messageId: 'phone', text: 'Quel est ton numéro de téléphone' }] },
    { name: 'a bare question for their number', text: 'Thanks! Your phone number?', errors: [{ messageId: 'phone', text: 'Your phone number?' }] },
    { text: 'Merci ! Inscrivez-vous à notre newsletter : brand.fr/news', errors: [{ messageId: 'newsletter', text: 'Inscrivez-vous à notre newsletter' }] },
    { text: 'Thanks for the follow! Subscribe to our newsletter for weekly tips.', errors: [{ messageId: 'newsletter', text: 'Subscribe to our newsletter' }] },
    { name: 'accents, case and line breaks do not hide a request', text: 'Merci !\nPOUVEZ-VOUS nous communiquer\nvos coordonnées ?', errors: [{ messageId: 'details', text: 'POUVEZ-VOUS nous communiquer\nvos coordonnées' }] },
    { text: 'Thanks! Please fill out this form so we can get to know you: brand.com/form', errors: [{ messageId: 'form', text: 'fill out this form' }] },
    { name: 'a moment to call them', text: "Thanks for the follow! When's a good time to call you?", errors: [{ messageId: 'phone' }] },
    { name: 'a newsletter platform by name', text: 'Merci ! Rejoignez nos lecteurs sur Substack, un billet par mois.', errors: [{ messageId: 'newsletter' }] },
    { name: 'their details, in other words', text: 'Thanks! Shoot us your deets and we will reach out.', errors: [{ text: 'Shoot us your deets' }] },
    { name: 'slang for a phone number', text: 'Thanks a bunch! Drop your digits and our advisor will give you a quick call.', errors: [{ messageId: 'phone', text: 'Drop your digits' }] },
    { text: 'Thanks, Sam! Hit me up with ur digits 📱', errors: [{ messageId: 'phone', text: 'Hit me up with ur digits' }] },
    { name: 'a French mobile prefix asked for', text: "Merci pour l'abonnement ! Un petit 06 pour qu'on puisse vous joindre ? 😊", errors: [{ messageId: 'phone' }] },
    { text: 'Merci ! Quel est ton 06 ?', errors: [{ messageId: 'phone' }] },
    { name: 'where they can be reached', text: 'Merci ! Tu es joignable sur WhatsApp ?', errors: [{ messageId: 'details' }] },
    { name: 'moving them to a messaging app', text: 'Thanks! WhatsApp me when you can.', errors: [{ messageId: 'phone', text: 'WhatsApp me' }] },
    { text: 'Merci ! Laisse-nous tes coordos, on te rappelle.', errors: [{ messageId: 'details' }] },
  ],
});
