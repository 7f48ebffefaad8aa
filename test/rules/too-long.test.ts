import * as rule from '../../src/rules/too-long';
import { ruleTester } from './rule-tester';

const sentence = 'Merci de nous suivre, ravi de vous compter parmi nous. ';
const frenchParagraph = (characters: number): string => sentence.repeat(Math.ceil(characters / sentence.length)).slice(0, characters);
const englishWords = (count: number): string => 'thanks for the follow and welcome '.repeat(count).trim();

// 270 characters of text plus a 40-character URL: 270 + 1 + 23 = 294 weighted characters.
const longUrl = `https://brand.com/${'a'.repeat(22)}`;

ruleTester(rule, {
  valid: [
    { text: 'Merci @anna pour le suivi !', kind: 'mention' },
    { name: 'a mention of exactly 280 characters', text: `Thanks ${'a'.repeat(273)}`, kind: 'mention', lang: 'en' },
    { name: 'a long URL counts 23 in a mention', text: `Thanks for the follow! ${'x'.repeat(230)} ${'https://brand.com/'.padEnd(120, 'p')}`, kind: 'mention', lang: 'en' },
    { text: 'Thanks for the follow, Sam! What are you working on these days?' },
    { name: 'a DM of exactly 500 characters is still brief', text: frenchParagraph(500), kind: 'dm' },
    { name: 'mentions are not held to the DM brevity limit', text: englishWords(8), kind: 'mention' },
  ],
  invalid: [
    {
      name: 'a mention over 280 characters',
      text: `Merci ${'a'.repeat(280)}`,
      kind: 'mention',
      lang: 'fr',
      errors: [{ messageId: 'mentionTooLong', start: 280, end: 286 }],
    },
    {
      name: 'URLs count 23 in a mention',
      text: `${'b'.repeat(270)} ${longUrl}`,
      kind: 'mention',
      lang: 'en',
      errors: [{ messageId: 'mentionTooLong' }],
    },
    {
      name: 'emoji count double in a mention',
      text: `Merci ${'🎉'.repeat(140)}`,
      kind: 'mention',
      lang: 'fr',
      errors: [{ messageId: 'mentionTooLong', text: '🎉🎉🎉' }],
    },
    { name: 'a DM over 500 characters stops being brief', text: frenchParagraph(501), errors: [{ messageId: 'notBrief', start: 500, end: 501 }] },
    { name: 'a long English DM', text: englishWords(40), errors: [{ messageId: 'notBrief' }] },
    { name: 'a DM over X’s 10,000 characters', text: frenchParagraph(10_050), errors: [{ messageId: 'dmTooLong', start: 10_000, end: 10_050 }] },
    { name: 'the DM limit counts characters, not UTF-16 units', text: `Thanks ${'🙂'.repeat(10_000)}`, lang: 'en', errors: [{ messageId: 'dmTooLong', text: '🙂'.repeat(7) }] },
  ],
});
