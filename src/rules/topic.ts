// A rule's vocabulary used about the reader's own work is their topic, not the sender's ask:
// "your thread comparing discount airlines", "ton fil sur les -20 % des soldes", "your reel about
// the best time to call your grandparents". Shared by the rules that read meaning.
import type { TextRange } from './text';
import { tokenText } from './tokens';

/** The reader's, in either language. */
const YOURS = new Set(['your', 'ur', 'yours', 'ton', 'ta', 'tes', 'votre', 'vos']);
/** Things a person makes and talks about. */
const WORK = new Set([
  'thread', 'threads', 'post', 'posts', 'article', 'articles', 'video', 'videos', 'vid', 'vids', 'reel', 'reels', 'talk', 'talks', 'newsletter', 'podcast', 'episode',
  'blog', 'guide', 'spreadsheet', 'sheet', 'piece', 'essay', 'review', 'analysis', 'breakdown', 'study', 'series', 'tweet', 'tweets', 'tutorial', 'tuto', 'tutos',
  'course', 'book', 'deck', 'chart', 'map', 'research', 'report', 'take', 'story', 'stories', 'dashboard', 'tracker', 'app', 'tool', 'project', 'site', 'zine',
  'fil', 'billet', 'papier', 'etude', 'serie', 'comparatif', 'enquete', 'livre', 'conference', 'chronique', 'appli', 'outil', 'projet', 'rapport', 'analyse', 'carte',
  'graphique', 'emission', 'docu', 'documentaire', 'live', 'stream', 'sketch', 'memoire', 'these',
  'idea', 'ideas', 'idee', 'idees', 'initiative', 'library', 'lib', 'package', 'plugin', 'repo', 'bot', 'extension', 'bibliotheque', 'module', 'script',
]);
/** What links the work to its subject. */
const ABOUT = new Set([
  'about', 'on', 'comparing', 'regarding', 'covering', 'explaining', 'ranking', 'listing', 'tracking', 'debunking', 'of', 'for',
  'sur', 'concernant', 'comparant', 'expliquant', 'de', 'des', 'du', 'contre',
]);
const SENTENCE_END = new Set(['.', '?', '!', ';', ':']);
/** How far back, in words, the work may be named. */
const REACH = 8;

/** Whether the range is part of what the reader's own work is about ("your post on …"). */
export function aboutTheirWork(source: string, range: TextRange): boolean {
  const tokens = tokenText(source).tokens;
  let first = tokens.findIndex((token) => token.start >= range.start);
  if (first === -1) first = tokens.length;
  let linked = false;
  for (let i = first - 1; i >= 0 && i >= first - REACH; i--) {
    const word = tokens[i]!.word;
    if (SENTENCE_END.has(word)) return false;
    if (ABOUT.has(word)) linked = true;
    else if (linked && WORK.has(word)) {
      // "your thread", "ton dernier fil", "your new guide".
      for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
        if (SENTENCE_END.has(tokens[j]!.word)) return false;
        if (YOURS.has(tokens[j]!.word)) return true;
      }
    }
  }
  return false;
}
