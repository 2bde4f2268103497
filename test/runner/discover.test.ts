import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover, looksMinified, PathNotFoundError, UnsupportedFileError } from '../../src/runner/discover';
import { makeRepo, makeTempDir, removeTempDirs, writeTree } from '../cli/helpers';

afterAll(removeTempDirs);

function listed(root: string, options: { paths?: string[]; ignore?: string[] } = {}) {
  const real = realpathSync(root);
  const result = discover({
    cwd: real,
    paths: (options.paths ?? ['.']).map((p) => path.resolve(real, p)),
    ignore: options.ignore ?? [],
  });
  const files = result.files.map((f) => path.relative(real, f.absolutePath).split(path.sep).join('/')).sort();
  return { files, skipped: result.skipped };
}

const CODE = 'auth0;\n';

describe('discover (walk, outside git)', () => {
  it('honours .gitignore files at every level, with negation and directory patterns', () => {
    const root = makeTempDir();
    writeTree(root, {
      '.gitignore': 'generated/\n*.gen.js\n!keep.gen.js\nsecret.js\n',
      'a.js': CODE,
      'x.gen.js': CODE,
      'keep.gen.js': CODE,
      'secret.js': CODE,
      'generated/out.js': CODE,
      'pkg/.gitignore': 'local.js\n!secret.js\n',
      'pkg/local.js': CODE,
      'pkg/secret.js': CODE,
      'pkg/b.ts': CODE,
      'pkg/deep/.gitignore': '*\n!*.vue\n',
      'pkg/deep/c.js': CODE,
      'pkg/deep/d.vue': CODE,
    });
    expect(listed(root).files).toEqual(['a.js', 'keep.gen.js', 'pkg/b.ts', 'pkg/deep/d.vue', 'pkg/secret.js']);
  });

  it('applies the .gitignore files above a searched folder, up to the run root', () => {
    const root = makeTempDir();
    writeTree(root, { '.gitignore': 'skip-me.js\n', 'sub/skip-me.js': CODE, 'sub/ok.js': CODE });
    expect(listed(root, { paths: ['sub'] }).files).toEqual(['sub/ok.js']);
  });

  it('skips dependency and build-output folders and minified names, and counts them', () => {
    const root = makeTempDir();
    writeTree(root, {
      'src/app.js': CODE,
      'src/vendor.min.js': CODE,
      'node_modules/auth0-js/index.js': CODE,
      'packages/web/node_modules/x/index.js': CODE,
      'dist/app.js': CODE,
      'coverage/lcov-report/a.js': CODE,
      'README.md': 'auth0',
    });
    const { files, skipped } = listed(root);
    expect(files).toEqual(['src/app.js']);
    expect(skipped).toMatchObject({ dependencies: 2, 'build-output': 2, minified: 1 });
  });

  it('does not follow symbolic links out of the run root (files or folders) and counts linked files', () => {
    const outside = makeTempDir();
    writeTree(outside, { 'lib/secret.js': CODE, 'other.js': CODE });
    const root = makeTempDir();
    writeTree(root, { 'src/app.js': CODE });
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'src', 'linked-dir'));
    symlinkSync(path.join(outside, 'other.js'), path.join(root, 'src', 'linked.js'));
    const { files, skipped } = listed(root);
    expect(files).toEqual(['src/app.js']);
    expect(skipped.symlink).toBe(1);
  });

  it('adds --ignore patterns relative to the cwd, for files and folders', () => {
    const root = makeTempDir();
    writeTree(root, { 'src/a.js': CODE, 'src/a.spec.js': CODE, 'legacy/b.js': CODE, 'legacy/c/d.js': CODE });
    const { files, skipped } = listed(root, { ignore: ['*.spec.js', 'legacy/'] });
    expect(files).toEqual(['src/a.js']);
    expect(skipped['ignore-option']).toBe(2);
  });

  it('takes an explicitly named file even when a folder rule would leave it out, and rejects other file kinds', () => {
    const root = makeTempDir();
    writeTree(root, { 'dist/app.js': CODE, '.gitignore': 'dist/\n', 'notes.md': 'x' });
    expect(listed(root, { paths: ['dist/app.js'] }).files).toEqual(['dist/app.js']);
    expect(() => listed(root, { paths: ['notes.md'] })).toThrow(UnsupportedFileError);
    expect(() => listed(root, { paths: ['missing.js'] })).toThrow(PathNotFoundError);
  });

  it('leaves TypeScript declaration files out: they hold types only, and ambient code the module parser rejects', () => {
    const root = makeTempDir();
    writeTree(root, { 'a.ts': CODE, 'types/a.d.ts': CODE, 'types/b.d.mts': CODE, 'types/c.d.cts': CODE, 'types/D.D.TS': CODE, 'types/d.ts': CODE });
    expect(listed(root).files).toEqual(['a.ts', 'types/d.ts']);
    expect(() => listed(root, { paths: ['types/a.d.ts'] })).toThrow('a TypeScript declaration file holds types only, nothing to migrate');
  });

  it('keeps only the source extensions, containers included', () => {
    const root = makeTempDir();
    const names = ['a.js', 'b.jsx', 'c.mjs', 'd.cjs', 'e.ts', 'f.tsx', 'g.mts', 'h.cts', 'i.vue', 'j.svelte', 'k.html', 'l.htm', 'm.json', 'n.css', 'o.JS'];
    writeTree(root, Object.fromEntries(names.map((n) => [n, CODE])));
    expect(listed(root).files).toEqual(names.filter((n) => !n.endsWith('.json') && !n.endsWith('.css')));
  });
});

describe('discover (git work tree)', () => {
  it('lists tracked and untracked files that no ignore rule excludes', () => {
    const root = makeRepo({ '.gitignore': 'ignored.js\nbuild-tmp/\n', 'tracked.js': CODE, 'sub/.gitignore': '!x.js\nlocal.js\n', 'sub/keep.js': CODE });
    writeTree(root, { 'untracked.js': CODE, 'ignored.js': CODE, 'build-tmp/a.js': CODE, 'sub/local.js': CODE });
    mkdirSync(path.join(root, '.git', 'info'), { recursive: true });
    writeFileSync(path.join(root, '.git', 'info', 'exclude'), 'excluded.js\n');
    writeTree(root, { 'excluded.js': CODE });
    expect(listed(root).files).toEqual(['sub/keep.js', 'tracked.js', 'untracked.js']);
  });

  it('applies the folder rules to tracked files too, counting each folder once', () => {
    const root = makeRepo({ 'src/a.js': CODE, 'dist/a.js': CODE, 'dist/b.js': CODE, 'vendor/lib.min.js': CODE });
    const { files, skipped } = listed(root);
    expect(files).toEqual(['src/a.js']);
    expect(skipped['build-output']).toBe(1);
    expect(skipped.minified).toBe(1);
  });

  it('searches only the given folder of the work tree', () => {
    const root = makeRepo({ 'packages/web/src/a.js': CODE, 'packages/api/b.js': CODE });
    expect(listed(root, { paths: ['packages/web'] }).files).toEqual(['packages/web/src/a.js']);
  });
});

describe('looksMinified', () => {
  it('flags bundles by their line lengths, not small files or ordinary code', () => {
    expect(looksMinified('var a=1;'.repeat(1000))).toBe(true);
    expect(looksMinified('const a = 1;\n'.repeat(1000))).toBe(false);
    expect(looksMinified('x'.repeat(1500))).toBe(false);
    const withDataUrl = `${'const a = 1;\n'.repeat(300)}const img = '${'A'.repeat(5000)}';\n`;
    expect(looksMinified(withDataUrl)).toBe(false);
  });
});
