import * as rule from '../../src/rules/multiple-mentions';
import { ruleTester } from './rule-tester';

ruleTester(rule, {
  valid: [
    { text: 'Merci @anna pour le suivi !', kind: 'mention' },
    { text: 'Thanks for the follow, @sam! Glad you are here.', kind: 'mention' },
    { name: 'the same person tagged twice is still one person', text: '@sam thanks! Have a great week, @Sam.', kind: 'mention' },
    { name: 'an e-mail address is not a mention', text: 'Merci @lea ! Une question ? aide@brand.fr', kind: 'mention' },
    { name: 'a DM may name other accounts', text: 'Merci ! Pour toute question, écrivez à @BrandAide ou @BrandSupport.', kind: 'dm' },
    { text: 'Thanks for following! Our help desk is @BrandHelp and @BrandCare.', kind: 'dm' },
  ],
  invalid: [
    { text: 'Merci @anna ! Et bonjour à @paul et @zoe.', kind: 'mention', errors: [{ messageId: 'extraMention', text: '@paul' }, { text: '@zoe' }] },
    { text: 'Thanks @sam! cc @BrandTeam', kind: 'mention', errors: [{ messageId: 'extraMention', start: 16, end: 26 }] },
    {
      name: 'the follower is the mention that belongs, wherever it is',
      text: 'Hey @BrandTeam, say hi to @priya_k who just followed us, thanks!',
      kind: 'mention',
      follower: { handle: 'priya_k' },
      errors: [{ text: '@BrandTeam' }],
    },
    { name: 'offsets survive emoji', text: '🎉🎉 Merci @lea 👋 @marc', kind: 'mention', errors: [{ text: '@marc' }] },
    { text: 'Bienvenue @jules ! Merci à @ana, @ben, @chloe de nous avoir présentés.', kind: 'mention', follower: { handle: '@jules' }, errors: [{ text: '@ana' }, { text: '@ben' }, { text: '@chloe' }] },
    { text: '@a_dev @b_dev thanks for the follows!', kind: 'mention', errors: [{ text: '@b_dev' }] },
  ],
});
