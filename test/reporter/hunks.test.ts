import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyHunks, changeHunks } from '../../src/reporter/hunks';

/** Texts made of a few distinct lines, with LF or CRLF endings and maybe no final newline. */
const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', 'let x = 1;', '  return y;'), { maxLength: 30 });
const text = fc.tuple(lines, fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, eol, final]) => ls.join(eol) + (final && ls.length > 0 ? eol : ''));

describe('changeHunks', () => {
  it('gives hunks whose blocks turn before into after exactly, and each subset applies on its own', () => {
    fc.assert(
      fc.property(text, text, fc.array(fc.boolean(), { maxLength: 20 }), (before, after, picks) => {
        const hunks = changeHunks(before, after);
        expect(applyHunks(before, hunks)).toBe(after);
        expect(applyHunks(before, [])).toBe(before);
        const subset = hunks.filter((_, i) => picks[i] === true);
        const partial = applyHunks(before, subset);
        // Applying the rest of the hunks to the partial text is not defined (offsets are of
        // `before`), but the partial text holds exactly the accepted hunks' inserted texts.
        for (const hunk of subset) for (const block of hunk.blocks) expect(partial).toContain(block.inserted);
      }),
      { numRuns: 300 },
    );
  });

  it('places each hunk at the lines of the old text that change', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n';
    const after = before.replace('two\n', 'TWO\n').replace('eleven\n', 'eleven\ninserted\n');
    const hunks = changeHunks(before, after);
    expect(hunks.map((h) => [h.header, h.firstLine, h.lastLine])).toEqual([
      ['@@ -1,5 +1,5 @@', 2, 2],
      ['@@ -9,4 +9,5 @@', 12, 12],
    ]);
    expect(hunks[0].blocks).toEqual([{ oldLine: 2, oldCount: 1, offset: 4, removed: 'two\n', inserted: 'TWO\n' }]);
    expect(hunks[1].blocks).toEqual([{ oldLine: 12, oldCount: 0, offset: before.indexOf('twelve'), removed: '', inserted: 'inserted\n' }]);
    expect(applyHunks(before, [hunks[1]])).toBe(before.replace('eleven\n', 'eleven\ninserted\n'));
  });

  it('is empty when nothing changes', () => {
    expect(changeHunks('same\n', 'same\n')).toEqual([]);
  });
});
