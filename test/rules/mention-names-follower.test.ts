import * as rule from '../../src/rules/mention-names-follower';
import { ruleTester } from './rule-tester';

const priya = { handle: 'priya_k' };
const lea = { handle: '@Lea_M' };

ruleTester(rule, {
  valid: [
    { text: '@priya_k merci de nous suivre ! Belle journée à vous.', kind: 'mention', follower: priya },
    { text: 'Thanks for the follow, @priya_k! Glad you are here.', kind: 'mention', follower: priya },
    { name: 'the handle matches whatever its case and leading @', text: 'Bienvenue @lea_m, et merci pour le suivi !', kind: 'mention', follower: lea },
    { name: 'an e-mail address is not a mention', text: '@priya_k thank you! Questions? help@brand.com', kind: 'mention', follower: priya },
    { name: 'a DM need not name anyone', text: 'Merci beaucoup et bienvenue parmi nous !', kind: 'dm', follower: priya },
    { name: 'without a follower there is nothing to check against', text: 'Thanks a lot and welcome aboard!', kind: 'mention' },
  ],
  invalid: [
    {
      name: 'someone else welcomed in the follower’s place',
      text: 'Bienvenue @elonmusk, merci de nous suivre !',
      kind: 'mention',
      follower: priya,
      errors: [{ messageId: 'notTheFollower', text: '@elonmusk' }],
    },
    { text: 'Merci beaucoup et bienvenue parmi nous !', kind: 'mention', follower: priya, errors: [{ messageId: 'missingFollower', start: 0, end: 40 }] },
    { name: 'emoji only names nobody', text: '👋🎉', lang: 'fr', kind: 'mention', follower: lea, errors: [{ messageId: 'missingFollower', start: 0, end: 4 }] },
    { text: 'Thanks so much for the follow, welcome aboard!', kind: 'mention', follower: priya, errors: [{ messageId: 'missingFollower' }] },
    { text: '@priya_k thanks for the follow! See you around, @Priya_K.', kind: 'mention', follower: priya, errors: [{ messageId: 'followerTwice', text: '@Priya_K' }] },
    { text: 'Hey @sam_b, thanks for following us!', kind: 'mention', follower: priya, errors: [{ messageId: 'notTheFollower', text: '@sam_b' }] },
    { name: 'a lookalike handle is someone else', text: 'Merci @lea_mm pour le suivi !', kind: 'mention', follower: lea, errors: [{ messageId: 'notTheFollower', text: '@lea_mm' }] },
  ],
});
