/**
 * Cheap text tests that let a transform return before looking at the tree: when every construct
 * it acts on (or reports) has to spell a word, a file whose text cannot spell it has nothing for
 * the transform to do.
 *
 * "Spell" is meant the way the parser reads the text, not only literally: inside string
 * literals, template literals and identifiers an escape can stand for a character (`\x5f`,
 * `\u005f`, `\u{5f}`, or `\_`, which is just `_`), a line continuation (`\` + line break) stands
 * for nothing, and in JSX text and attribute strings an entity (`&#95;`) stands for a character.
 * A text without the plain word is therefore tested once more, allowing any of those at every
 * character, so a gate never turns away a file the transform would have changed.
 */

/** One character written as an escape or a JSX entity; which character is not checked (a wider gate is still a correct one). */
const ENCODED_CHAR = String.raw`\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|[^\r\n\u2028\u2029])|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`;
const LINE_CONTINUATIONS = String.raw`(?:\\(?:\r\n|[\r\n\u2028\u2029]))*`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function spelledPattern(word: string): string {
  return [...word].map((c) => `(?:${escapeRegExp(c)}|${ENCODED_CHAR})`).join(LINE_CONTINUATIONS);
}

export interface TextGate {
  /** False only when the text cannot spell any of the words. */
  test(source: string): boolean;
}

/** A gate passing texts that spell at least one of `words` (`ignoreCase`: in any letter case). */
export function textGate(words: readonly string[], options: { ignoreCase?: boolean } = {}): TextGate {
  const flags = options.ignoreCase ? 'i' : '';
  const plain = new RegExp(words.map(escapeRegExp).join('|'), flags);
  const encoded = new RegExp(words.map(spelledPattern).join('|'), flags);
  return {
    test(source) {
      if (plain.test(source)) return true;
      // Without a backslash or an ampersand nothing is encoded: the plain test was the whole answer.
      if (!source.includes('\\') && !source.includes('&')) return false;
      return encoded.test(source);
    },
  };
}
