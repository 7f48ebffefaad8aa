import * as rule from '../../src/rules/no-social-redirect';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    'Merci de nous suivre, Anna ! Sur quoi travaillez-vous en ce moment ?',
    { name: 'mentioning a network is not sending them there', text: 'Thanks for the follow! I loved your LinkedIn post about onboarding.' },
    { text: "Merci pour le suivi ! J'ai vu votre vidéo YouTube sur le compost, bravo.", lang: 'fr' },
    { name: 'thanking them for a follow is not a call to follow', text: 'Thanks for following us, Sam! Our guide: brand.com/start' },
    'Merci de nous suivre ! Notre guide pour bien démarrer : https://brand.fr/guide',
    { text: 'Thanks! Follow the steps at brand.com/setup if you get stuck.' },
    { name: 'a network that is their topic', text: 'Thanks! Your essay on how Pinterest shapes interior design was great.' },
    { text: "Merci ! J'ai adoré votre analyse des stories Insta des musées." },
    { name: 'saying they are on a network, with no invitation', text: 'Thanks! I see you are on Mastodon too, your posts there are lovely.' },
  ],
  invalid: [
    { text: 'Merci ! Suivez-nous aussi sur Instagram 📸', errors: [{ messageId: 'callToAction', text: 'Suivez-nous aussi sur Instagram' }] },
    { text: 'Thanks for the follow! Like our page on Facebook too.', errors: [{ messageId: 'callToAction', text: 'Like our page on Facebook' }] },
    { name: 'a link to a network', text: 'Merci pour le suivi ! https://www.facebook.com/brand', errors: [{ messageId: 'socialLink', text: 'https://www.facebook.com/brand' }] },
    { name: 'a call and the link it names make one finding', text: 'Thanks! Follow us on instagram.com/brand', errors: [{ messageId: 'callToAction', text: 'Follow us on instagram.com/brand' }] },
    { text: "Merci ! N'hésitez pas à nous suivre sur LinkedIn et YouTube.", errors: [{ messageId: 'callToAction', text: "N'hésitez pas à nous suivre sur LinkedIn" }] },
    { name: 'the network implied by "page"', text: 'Merci ! Aimez notre page, ça nous aide.', errors: [{ messageId: 'pageCallToAction', text: 'Aimez notre page' }] },
    { name: 'the link says which network "our channel" is', text: 'Thanks!! Subscribe to our channel: youtu.be/xyz', errors: [{ messageId: 'callToAction', text: 'Subscribe to our channel: youtu.be/xyz' }] },
    { name: 'the network named before the call', text: 'Sur TikTok, rejoignez-nous ! Merci 🙏', errors: [{ messageId: 'callToAction', text: 'TikTok, rejoignez-nous' }] },
    { name: 'a nickname and a group, no link', text: 'Thanks for the follow! Hop into our FB group, we share tips there.', errors: [{ messageId: 'callToAction', text: 'Hop into our FB' }] },
    { name: '"on" as we, on a network', text: 'Merci ! On est aussi sur Bluesky, même pseudo.', lang: 'fr', errors: [{ messageId: 'callToAction', text: 'On est aussi sur Bluesky' }] },
    { name: 'a server of our own', text: 'Thanks! Our Discord server has a channel for newcomers.', errors: [{ messageId: 'callToAction', text: 'Our Discord' }] },
    {
      name: 'the reader placed on a network, then invited in the next sentence',
      text: "Merci ! T'es sur TikTok ? Tout le studio y est, rejoins-nous.",
      lang: 'fr',
      errors: [{ messageId: 'callToAction', text: "T'es sur TikTok ? Tout le studio y est, rejoins" }],
    },
  ],
});
