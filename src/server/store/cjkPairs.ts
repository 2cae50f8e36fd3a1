// Chinese and Japanese are written without spaces between words, and FTS5's unicode61 tokenizer
// cuts text only at spaces and punctuation: a whole sentence was one token, found only by a search
// for its first characters ("天气" was not found in "今天的天气怎么样"). As Lucene's CJK analyzer
// does, a run of these characters is indexed as its overlapping pairs of characters, and a search
// word is cut into pairs the same way; every pair must occur. The index keeps no positions
// (detail=none), so the pairs need not be next to each other in the text: a rare extra match,
// never a missed one. Hangul is left alone: Korean puts spaces between words, and a word with its
// particle ("날씨가") is found by a search for the word as a prefix, as Latin words are.

/**
 * Han (with its iteration marks 々〆〇), hiragana, katakana (full and half width): the scripts
 * written without spaces, less the punctuation and sound-mark symbols in their blocks (・゛゜゠),
 * which the tokenizer takes for spaces. All in the Basic Multilingual Plane, so a character is one
 * UTF-16 unit.
 */
const CJK =
  '\u3005-\u3007\u3041-\u309a\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff' +
  '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f';
const HAS_CJK = new RegExp(`[${CJK}]`);
const CJK_RUN = new RegExp(`[${CJK}]+`, 'g');
/** split() with a capturing group keeps the runs: other text and runs alternate. */
const CJK_RUN_KEPT = new RegExp(`([${CJK}]+)`);

function pairsOf(run: string): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) pairs.push(run.slice(i, i + 2));
  return pairs;
}

/**
 * The text to index: each CJK run becomes its pairs and then its last character alone, apart from
 * the letters around it, so a one-character search (a prefix) finds a character that ends a run.
 * Text without CJK is returned as it is; V8 answers that test at once for a one-byte string.
 */
export function withCjkPairs(text: string): string {
  if (!HAS_CJK.test(text)) return text;
  return text.replace(CJK_RUN, (run) => ` ${[...pairsOf(run), run.at(-1)].join(' ')} `);
}

/**
 * One search word (a run of letters, digits and marks) as FTS5 terms, all of which must match:
 * other letters as a prefix, as every word is; a CJK run as its pairs, each exact, or a single
 * character as a prefix (of a pair or of a run's last character).
 */
export function searchTermsOf(word: string): string[] {
  if (!HAS_CJK.test(word)) return [`"${word}"*`];
  const terms = new Set<string>();
  word.split(CJK_RUN_KEPT).forEach((part, i) => {
    if (part === '') return;
    const isRun = i % 2 === 1;
    if (!isRun || part.length === 1) terms.add(`"${part}"*`);
    else for (const pair of pairsOf(part)) terms.add(`"${pair}"`);
  });
  return [...terms];
}
