import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { colorizeDiff, functionContext, unifiedDiff } from '../../src/reporter/diff';
import { quotePatchPath } from '../../src/reporter/quote';
import { createStyle } from '../../src/reporter/style';
import { makeRepo, removeTempDirs } from '../cli/helpers';

afterAll(removeTempDirs);

/** Applies `patch` with `git apply` in a repository holding `before` and returns the result. */
function gitApply(fileName: string, before: string, patch: string): string {
  const repo = makeRepo({ [fileName]: before });
  writeFileSync(path.join(repo, 'change.patch'), patch);
  execFileSync('git', ['apply', '--whitespace=nowarn', 'change.patch'], { cwd: repo });
  return readFileSync(path.join(repo, fileName), 'utf8');
}

const cases: [string, string, string][] = [
  ['a one-line change', 'a\nb\nc\n', 'a\nB\nc\n'],
  ['CRLF lines', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nadded\r\nc\r\n'],
  ['no final newline, last line changed', 'a\nb', 'a\nB'],
  ['no final newline, earlier line changed', 'a\nb\nc', 'A\nb\nc'],
  ['a final newline added', 'a\nb', 'a\nb\n'],
  ['CRLF without a final newline', 'x\r\ny', 'x\r\nY'],
  ['an insertion at the top', 'a\n', 'new\na\n'],
  ['a BOM kept', '\uFEFFa\nb\n', '\uFEFFa\nB\n'],
  ['changes far apart (two hunks)', `${Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n')}\n`, `${Array.from({ length: 30 }, (_, i) => (i === 2 || i === 25 ? `LINE ${i}` : `line ${i}`)).join('\n')}\n`],
];

describe('unifiedDiff', () => {
  it('writes git headers with a/ and b/ prefixes', () => {
    expect(unifiedDiff('src/auth.js', 'a\nb\nc\n', 'a\nB\nc\n')).toBe(
      ['diff --git a/src/auth.js b/src/auth.js', '--- a/src/auth.js', '+++ b/src/auth.js', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c', ''].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('a.js', 'x\n', 'x\n')).toBe('');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a.js', 'a\nb', 'a\nB')).toContain('-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n');
  });

  for (const [name, before, after] of cases) {
    it(`round-trips through git apply: ${name}`, () => {
      expect(gitApply('file.js', before, unifiedDiff('file.js', before, after))).toBe(after);
    });
  }

  it('quotes paths git would quote, and git apply reads them back', () => {
    expect(quotePatchPath('a/plain name.js')).toBe('a/plain name.js');
    expect(quotePatchPath('a/we"ird\\.js')).toBe('"a/we\\"ird\\\\.js"');
    const name = 'we"ird.js';
    expect(gitApply(name, 'a\n', unifiedDiff(name, 'a\n', 'b\n'))).toBe('b\n');
  });
});

describe('colorizeDiff', () => {
  const patch = unifiedDiff('a.js', '-- a\nb\n', '++ a\nb\n');

  it('leaves the patch alone without colour', () => {
    expect(colorizeDiff(patch, createStyle(false))).toBe(patch);
  });

  it('colours headers, hunks, removals and additions, telling `--- ` lines inside hunks from headers', () => {
    const coloured = colorizeDiff(patch, createStyle(true)).split('\n');
    expect(coloured[1]).toBe('\u001b[1m--- a/a.js\u001b[22m');
    expect(coloured[3]).toBe('\u001b[36m@@ -1,2 +1,2 @@\u001b[39m');
    expect(coloured[4]).toBe('\u001b[31m--- a\u001b[39m');
    expect(coloured[5]).toBe('\u001b[32m+++ a\u001b[39m');
  });
});

describe('function context in hunk headers', () => {
  it('is the nearest line above the hunk that starts with a letter, _ or $, cut to 80 bytes, as git prints it', () => {
    expect(functionContext(['function a() {', '  x();', '  y();'], 2)).toBe('function a() {');
    expect(functionContext(['  nested() {', '  x();'], 1)).toBe('');
    expect(functionContext(['$(function () {  \r', '  x();'], 1)).toBe('$(function () {');
    expect(functionContext([`_${'a'.repeat(100)}`], 1)).toBe(`_${'a'.repeat(79)}`);
    expect(functionContext(['x', 'function b() {'], 0)).toBe('');
  });

  it('matches git diff on a file with several hunks', () => {
    const before = ['class A {', '  m() {', ...Array.from({ length: 12 }, (_, i) => `    line${i};`), '  }', '}', 'export function f() {', ...Array.from({ length: 10 }, (_, i) => `  stmt${i};`), '}', ''].join('\n');
    const after = before.replace('    line8;', '    line8changed;').replace('  stmt7;', '  stmt7changed;');
    const dir = makeRepo({ 'a.js': before });
    writeFileSync(path.join(dir, 'a.js'), after);
    const gitHeaders = execFileSync('git', ['diff'], { cwd: dir, encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('@@'));
    const ours = unifiedDiff('a.js', before, after).split('\n').filter((l) => l.startsWith('@@'));
    expect(ours).toEqual(gitHeaders);
    expect(ours.some((h) => h.endsWith('@@ class A {'))).toBe(true);
    expect(ours.some((h) => h.endsWith('@@ export function f() {'))).toBe(true);
  });
});
