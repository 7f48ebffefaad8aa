import { describe, expect, it } from 'vitest';
import { detectOptOut } from '../../src/rules/opt-out';

// The opt-out detector: a follower who asks to stop is never offered a DM again, so it must catch
// the ways people ask, in French and English, and leave alone the messages that merely use the words.
describe('detectOptOut', () => {
  it.each([
    ['STOP', 'STOP'],
    ['stop.', 'stop'],
    ['Stop please', 'Stop'],
    ['STOP merci', 'STOP'],
    ['Unsubscribe', 'Unsubscribe'],
    ['Arrêtez !', 'Arrêtez'],
    ['arrête stp', 'arrête'],
    ['Désabonnez-moi svp', 'Désabonnez-moi'],
    ['Please stop messaging me.', 'stop messaging me'],
    ['Stop sending me DMs', 'Stop sending me'],
    ["Don't message me again", "Don't message me"],
    ['Do not contact me', 'Do not contact me'],
    ['Leave me alone', 'Leave me alone'],
    ['Please remove me from your list', 'remove me from'],
    ['unsubscribe me please', 'unsubscribe'],
    ["Ne m'écrivez plus.", "Ne m'écrivez plus"],
    ['Ne me contactez plus jamais', 'Ne me contactez plus'],
    ["Arrêtez de m'écrire, merci", "Arrêtez de m'écrire"],
    ['Merci de cesser de me contacter', 'cesser de me contacter'],
    ['Laissez-moi tranquille', 'Laissez-moi tranquille'],
    ['Je ne veux plus recevoir vos messages', 'Je ne veux plus recevoir'],
    ['Plus de messages svp', 'Plus de messages'],
    ['ＳＴＯＰ', 'STOP'],
  ])('%j opts out (%j)', (text, words) => {
    expect(detectOptOut(text)).toEqual({ words });
  });

  it.each([
    'Thanks for the welcome!',
    "I can't stop smiling, love your shop",
    "Don't stop posting these, they're great",
    'Please never stop writing such threads',
    'Is the bus stop near your shop?',
    "N'arrêtez pas de m'écrire, j'adore",
    "Arrêtez-vous à la boutique, c'est sur le chemin",
    'Je ne veux plus attendre, quand ouvrez-vous ?',
    'Unstoppable 🚀',
    'Stop by our store sometime!',
    '',
    '🙏',
  ])('%j does not', (text) => {
    expect(detectOptOut(text)).toBeNull();
  });
});
