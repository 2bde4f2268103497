import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectShape, preferredQuote, restoreShape } from '../../src/runner/fidelity';

const BOM = '\uFEFF';

describe('detectShape', () => {
  it('reads BOM, dominant line ending, final newline and mixing', () => {
    expect(detectShape('a\nb\n')).toEqual({ bom: false, eol: '\n', finalNewline: true, mixedEol: false });
    expect(detectShape(`${BOM}a\r\nb\r\n`)).toEqual({ bom: true, eol: '\r\n', finalNewline: true, mixedEol: false });
    expect(detectShape('a\r\nb\r\nc\nd')).toEqual({ bom: false, eol: '\r\n', finalNewline: false, mixedEol: true });
    expect(detectShape('a\nb\nc\r\n')).toEqual({ bom: false, eol: '\n', finalNewline: true, mixedEol: true });
  });

  it('falls back to LF without line breaks and on a tie', () => {
    expect(detectShape('')).toEqual({ bom: false, eol: '\n', finalNewline: false, mixedEol: false });
    expect(detectShape('one line')).toMatchObject({ eol: '\n', finalNewline: false });
    expect(detectShape('a\r\nb\n')).toMatchObject({ eol: '\n', mixedEol: true });
  });
});

describe('restoreShape', () => {
  it('is the identity when the output is the input', () => {
    for (const text of ['', 'a', 'a\n', `${BOM}a\r\nb`, 'a\r\nb\nc\r\n']) expect(restoreShape(text, text)).toBe(text);
  });

  it('puts CRLF on the lines a transform printed with LF', () => {
    const original = 'const a = new auth0.WebAuth({\r\n  domain: d,\r\n});\r\n';
    const output = "const a = new auth0.WebAuth({\r\n  domain: d,\n  audience: 'x',\n  scope: 'y'\r\n});\r\n";
    expect(restoreShape(original, output)).toBe(
      "const a = new auth0.WebAuth({\r\n  domain: d,\r\n  audience: 'x',\r\n  scope: 'y'\r\n});\r\n",
    );
  });

  it('keeps a BOM the input had and drops one it did not have', () => {
    expect(restoreShape(`${BOM}a\n`, 'a\nb\n')).toBe(`${BOM}a\nb\n`);
    expect(restoreShape('a\n', `${BOM}a\nb\n`)).toBe('a\nb\n');
    expect(restoreShape(`${BOM}a\r\n`, `${BOM}a\nb\n`)).toBe(`${BOM}a\r\nb\r\n`);
  });

  it('keeps a missing final newline missing and a present one present', () => {
    expect(restoreShape('a\nb', 'a\nb\nc\n')).toBe('a\nb\nc');
    expect(restoreShape('a\nb', 'a\nb\nc\n\n')).toBe('a\nb\nc');
    expect(restoreShape('a\nb\n', 'a\nb\nc')).toBe('a\nb\nc\n');
    expect(restoreShape('a\r\nb\r\n', 'a\r\nb\r\nc')).toBe('a\r\nb\r\nc\r\n');
    expect(restoreShape('a', 'a\nb')).toBe('a\nb');
  });

  it('in a mixed file leaves existing lines alone and gives new lines the dominant ending', () => {
    const original = 'one\r\ntwo\r\nthree\nfour\r\n';
    const output = 'one\nzero\ntwo\nthree\nnew\nfour\n';
    expect(restoreShape(original, output)).toBe('one\r\nzero\r\ntwo\r\nthree\nnew\r\nfour\r\n');
  });

  it('in a mixed file lets a changed line keep the ending of the line it replaced', () => {
    const original = "a\r\nscope: 'openid'\nc\r\nd\r\n";
    const output = "a\nscope: 'openid read:current_user'\naudience: 'x'\nc\nd\n";
    expect(restoreShape(original, output)).toBe("a\r\nscope: 'openid read:current_user'\naudience: 'x'\r\nc\r\nd\r\n");
  });

  it('treats a formerly last, unterminated line that gained a successor like a new line ending', () => {
    expect(restoreShape('a\r\nb\nc\r\nd', 'a\nb\nc\nd\ne')).toBe('a\r\nb\nc\r\nd\r\ne');
  });

  const lineArb = fc.constantFrom('', 'a', 'b', 'x = 1;', '  y', 'c\rd');
  const eolArb = fc.constantFrom('\n', '\r\n');
  const textArb = fc
    .tuple(fc.boolean(), fc.array(fc.tuple(lineArb, eolArb), { maxLength: 12 }), fc.boolean())
    .map(([bom, lines, finalNewline]) => {
      const body = lines.map(([line, eol]) => line + eol).join('');
      return (bom ? BOM : '') + (finalNewline || body === '' ? body : `${body}end`);
    });

  it('is idempotent and the identity on its own input (property)', () => {
    fc.assert(
      fc.property(textArb, textArb, (original, output) => {
        const once = restoreShape(original, output);
        expect(restoreShape(original, once)).toBe(once);
        expect(restoreShape(original, original)).toBe(original);
      }),
      { numRuns: 500 },
    );
  });

  it('changes only line endings, the BOM and trailing blank lines (property)', () => {
    const lines = (text: string): string[] =>
      text
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .filter((line, index, all) => !(line === '' && all.slice(index).every((rest) => rest === '')));
    fc.assert(
      fc.property(textArb, textArb, (original, output) => {
        const restored = restoreShape(original, output);
        const shape = detectShape(original);
        expect(lines(restored)).toEqual(lines(output));
        expect(restored.startsWith(BOM)).toBe(shape.bom);
        if (restored.replace(/^\uFEFF/, '') !== '') expect(restored.endsWith('\n')).toBe(shape.finalNewline);
        if (!shape.mixedEol && shape.eol === '\r\n') expect(restored.replace(/\r\n/g, '')).not.toContain('\n');
        if (!shape.mixedEol && shape.eol === '\n') expect(restored).not.toContain('\r\n');
      }),
      { numRuns: 500 },
    );
  });
});

describe('preferredQuote', () => {
  it('follows the dominant quote of string literals', () => {
    expect(preferredQuote("import a from 'a';\nconst b = 'b';\nconst c = \"c\";\n")).toBe("'");
    expect(preferredQuote('import a from "a";\nconst b = "b";\nconst c = \'c\';\n')).toBe('"');
  });

  it('defaults to a single quote when there is nothing to go by or on a tie', () => {
    expect(preferredQuote('')).toBe("'");
    expect(preferredQuote('const a = 1;')).toBe("'");
    expect(preferredQuote('const a = "a", b = \'b\';')).toBe("'");
  });

  it('does not count quotes in comments, template literals or JSX', () => {
    const source = [
      '// "one" "two" "three"',
      '/* "four" "five" */',
      'const t = `"six" "seven" ${"eight"}`;',
      'const el = <div className="a" id="b" title="c">Don\'t "quote" me</div>;',
      "const a = 'x';",
      "const b = 'y';",
    ].join('\n');
    expect(preferredQuote(source)).toBe("'");
  });

  it('reads TypeScript, including angle-bracket casts, and Flow', () => {
    expect(preferredQuote('type A = "a" | "b";\nconst x = <string>y;\nconst z: A = \'a\';')).toBe('"');
    expect(preferredQuote('// @flow\ntype T = {| a: ?string |};\nconst s: T = { a: "x" };\nconst u = "y";')).toBe('"');
  });

  it('still answers for code no parser accepts, ignoring comments', () => {
    const broken = '// "a" "b" "c"\nconst = = "d" \'e\' \'f\' ((( \n/* "g" */';
    expect(preferredQuote(broken)).toBe("'");
    expect(preferredQuote('const = = "d" "e" \'f\' (((')).toBe('"');
  });
});
