/**
 * Names and messages as a terminal may print them: what the user's files are called and what
 * they hold must never be taken for terminal commands (an ESC starts one) or break a line of the
 * summary in two.
 */

/** Characters git writes as C escapes inside a quoted path. */
const GIT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

/**
 * Characters a terminal acts on instead of showing, beyond ASCII's: C1 controls, the Unicode line
 * and paragraph separators, and the bidirectional overrides that make text read differently from
 * what it is.
 */
const INVISIBLE_CONTROLS = /[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** `\ooo` for every UTF-8 byte of a character, as git writes bytes it quotes. */
function octalBytes(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
}

/**
 * A path as git writes it in patch headers and in `git status`: C-quoted when it holds a quote, a
 * backslash or a control character, so `git apply` reads it back exactly and a terminal shows it
 * instead of obeying it.
 */
export function quotePatchPath(p: string): string {
  let quoted = '';
  let needsQuotes = false;
  for (const char of p) {
    const code = char.charCodeAt(0);
    const escape =
      GIT_ESCAPES[char] ??
      (code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : INVISIBLE_CONTROLS.test(char) ? octalBytes(char) : undefined);
    if (escape === undefined) {
      quoted += char;
    } else {
      quoted += escape;
      needsQuotes = true;
    }
  }
  return needsQuotes ? `"${quoted}"` : p;
}

/**
 * A message for the terminal (a finding quotes source text, an error quotes the parser): every
 * control character shown as an escape, in the same notation as quoted paths.
 */
export function terminalText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) out += GIT_ESCAPES[char] ?? `\\${code.toString(8).padStart(3, '0')}`;
    else if (INVISIBLE_CONTROLS.test(char)) out += octalBytes(char);
    else out += char;
  }
  return out;
}
