import { PREFILTER, PREFILTER_SOURCE } from '../analysis/prefilter';

/**
 * The pre-filter applied to raw bytes, fast enough that a tree without Auth0 code costs little
 * more than reading it. `PREFILTER.test` alone spends about 2 ns a byte; `Buffer#indexOf` finds a
 * short literal several times faster. So a file is first searched for a few short literals, one
 * of which every match of the pre-filter must contain, and only files holding one of them (about
 * one in eight in ordinary code) are tested with the pattern itself. The answer is exactly
 * `PREFILTER.test(text)`.
 */

/**
 * Short byte strings that every alternative of PREFILTER_SOURCE contains: `uth` (in `[Aa]uth0`,
 * `/authorize`, `oauth/`), `/v2` (`api/v2/`), `Prov` (`lockProvider`), `Gran` (`passwordGrant`),
 * `Clie` (`ManagementClient`), `oken` (`id_token`, `idToken`). Short ones because Node searches them fastest.
 */
export const QUICK_LITERALS: readonly string[] = ['uth', '/v2', 'Prov', 'Gran', 'Clie', 'oken'];

/**
 * The literal runs of a regular-expression alternative that every match of it contains: text
 * outside groups and classes, cut at escapes and wildcards, without a last character a
 * quantifier makes optional.
 */
export function mandatoryRuns(alternative: string): string[] {
  const runs: string[] = [];
  let run = '';
  const flush = (): void => {
    if (run !== '') runs.push(run);
    run = '';
  };
  for (let i = 0; i < alternative.length; i++) {
    const char = alternative[i];
    if (char === '\\') {
      flush();
      i++;
    } else if (char === '[') {
      flush();
      i = closingIndex(alternative, i);
    } else if (char === '(') {
      flush();
      i = closingIndex(alternative, i);
    } else if (char === '?' || char === '*' || char === '+' || char === '{') {
      run = run.slice(0, -1);
      flush();
      if (char === '{') i = closingIndex(alternative, i);
    } else if (char === '.' || char === '^' || char === '$') {
      flush();
    } else {
      run += char;
    }
  }
  flush();
  return runs;
}

/** Index of the `]`, `}` or `)` that closes the class, quantifier or group opening at `open`. */
function closingIndex(text: string, open: number): number {
  const opening = text[open];
  if (opening === '{') {
    const close = text.indexOf('}', open);
    return close === -1 ? text.length : close;
  }
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (opening === '[' && char === ']') return i;
    else if (opening === '(' && char === '[') i = closingIndex(text, i);
    else if (opening === '(' && char === '(') depth++;
    else if (opening === '(' && char === ')' && --depth === 0) return i;
  }
  return text.length;
}

/** The top-level alternatives of a pattern (split at `|` outside groups and classes). */
export function topLevelAlternatives(pattern: string): string[] {
  const alternatives: string[] = [];
  let start = 0;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      alternatives.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(pattern.slice(start));
  return alternatives;
}

/** Whether every match of `pattern` must contain one of `literals` (so a file without any cannot match). */
export function literalsCoverPattern(pattern: string, flags: string, literals: readonly string[]): boolean {
  if (flags.includes('i')) return false;
  return topLevelAlternatives(pattern).every((alternative) =>
    mandatoryRuns(alternative).some((run) => literals.some((literal) => run.includes(literal))),
  );
}

/**
 * The quick literals as bytes, or null when they no longer cover the pre-filter (its pattern was
 * changed): then every file goes straight to the pattern, slower but never wrong.
 */
const QUICK_BYTES: readonly Buffer[] | null = literalsCoverPattern(PREFILTER_SOURCE, PREFILTER.flags, QUICK_LITERALS)
  ? QUICK_LITERALS.map((literal) => Buffer.from(literal, 'latin1'))
  : null;

/** `PREFILTER.test` on the first `length` bytes of `buffer` read as UTF-8 text. */
export function passesPrefilter(buffer: Buffer, length: number): boolean {
  if (QUICK_BYTES !== null) {
    const bytes = buffer.subarray(0, length);
    if (!QUICK_BYTES.some((literal) => bytes.indexOf(literal) !== -1)) return false;
  }
  // The pattern is ASCII, so testing the bytes as Latin-1 gives the UTF-8 answer without decoding.
  return PREFILTER.test(buffer.toString('latin1', 0, length));
}
