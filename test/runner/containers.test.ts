import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ContainerParseError,
  extractScriptBlocks,
  isContainerPath,
  spliceScriptBlocks,
  toContainerPosition,
  type ScriptBlock,
} from '../../src/runner/containers';

const FIXTURES = join(__dirname, '..', '..', '__testfixtures__', 'containers');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function blocksOf(filePath: string, source: string): ScriptBlock[] {
  const blocks = extractScriptBlocks(filePath, source);
  if (blocks === null) throw new Error(`${filePath} is not a container`);
  return blocks;
}

/** 1-based line and 0-based column of the first occurrence of `needle`, as an editor shows it (a BOM takes no column). */
function locate(source: string, needle: string): { line: number; column: number } {
  const text = source.replace(/^\uFEFF/, '');
  const offset = text.indexOf(needle);
  if (offset === -1) throw new Error(`${needle} not found`);
  const before = text.slice(0, offset).split(/\r\n|\n/);
  return { line: before.length, column: before[before.length - 1].length };
}

/** Every block's recorded content and position must agree with the container text itself. */
function expectConsistent(source: string, blocks: readonly ScriptBlock[]): void {
  const bom = source.startsWith('\uFEFF') ? 1 : 0;
  // Lines with their terminators, so their lengths add up to offsets.
  const lines = source.slice(bom).split(/(?<=\n)/);
  for (const block of blocks) {
    expect(block.content).toBe(source.slice(block.start, block.end));
    const lineStart = bom + lines.slice(0, block.line - 1).join('').length;
    expect(lineStart + block.column).toBe(block.start);
  }
}

const toCrlfWithBom = (text: string): string => '\uFEFF' + text.replace(/\n/g, '\r\n');

describe('isContainerPath / extractScriptBlocks kinds', () => {
  it('recognises .vue, .svelte, .html and .htm in any case', () => {
    for (const path of ['a.vue', 'src/b.svelte', 'c.html', 'D.HTM', 'x/Y.Vue']) expect(isContainerPath(path)).toBe(true);
    for (const path of ['a.js', 'b.ts', 'c.tsx', 'vue', 'page.html.js', 'notes.md']) expect(isContainerPath(path)).toBe(false);
  });

  it('returns null for files that are not containers', () => {
    expect(extractScriptBlocks('src/auth.js', 'const a = 1;')).toBeNull();
  });

  it('returns [] for a container without script', () => {
    expect(extractScriptBlocks('a.vue', '<template><p>hi</p></template>\n')).toEqual([]);
    expect(extractScriptBlocks('a.html', '<p>no scripts</p>')).toEqual([]);
    expect(extractScriptBlocks('a.svelte', '<h1>Hello</h1>')).toEqual([]);
  });
});

describe('Vue single-file components', () => {
  const source = fixture('profile.vue');

  it('finds <script> and <script setup> with their lang, in source order', () => {
    const blocks = blocksOf('profile.vue', source);
    expect(blocks.map((block) => block.lang)).toEqual(['ts', 'ts']);
    expect(blocks[0].content).toBe("\nexport default { name: 'UserProfile' };\n");
    expect(blocks[1].content.startsWith("\nimport auth0 from 'auth0-js';")).toBe(true);
    expect(blocks[1].content.endsWith('defineExpose({ webAuth });\n')).toBe(true);
    expect(blocks[0]).toMatchObject(locate(source, "\nexport default { name: 'UserProfile' }"));
    expectConsistent(source, blocks);
  });

  it('reads lang jsx/tsx, defaults to js and skips other languages, src= and empty scripts', () => {
    const tsx = '<template><p v-if="a < b">x</p></template>\n<script lang="tsx">\nconst a = <div />;\n</script>\n';
    expect(blocksOf('a.vue', tsx).map((block) => block.lang)).toEqual(['tsx']);
    expect(blocksOf('a.vue', '<script lang="jsx">\nexport default () => <p />;\n</script>').map((block) => block.lang)).toEqual(['jsx']);
    expect(blocksOf('a.vue', '<script>\nexport default {};\n</script>').map((block) => block.lang)).toEqual(['js']);
    expect(blocksOf('a.vue', '<script lang="coffee">\nx = 1\n</script>')).toEqual([]);
    expect(blocksOf('a.vue', '<template><p /></template>\n<script src="./a.ts"></script>')).toEqual([]);
    expect(blocksOf('a.vue', '<template><p /></template>\n<script setup>\n\n</script>')).toEqual([]);
  });

  it('keeps a script that contains markup-like strings whole', () => {
    const text = '<script>\nconst html = "</div></template>";\n</script>\n<template><div /></template>\n';
    const [block] = blocksOf('a.vue', text);
    expect(block.content).toBe('\nconst html = "</div></template>";\n');
  });

  it('ignores markup errors inside the template', () => {
    const text = '<template><div><span></div></template>\n<script>\nexport default {};\n</script>\n';
    expect(blocksOf('a.vue', text)).toHaveLength(1);
  });

  it('rejects a component whose scripts cannot be cut safely', () => {
    const duplicated = '<script>\nvar a = 1;\n</script>\n<script>\nvar b = 2;\n</script>\n';
    expect(() => extractScriptBlocks('a.vue', duplicated)).toThrow(ContainerParseError);
    try {
      extractScriptBlocks('a.vue', duplicated);
    } catch (error) {
      expect(error).toMatchObject({ line: 4, column: 1 });
    }
    expect(() => extractScriptBlocks('a.vue', '<template><div /></template>\n<script>\nexport default {}\n')).toThrow(
      ContainerParseError,
    );
  });
});

describe('Svelte components', () => {
  const source = fixture('login.svelte');

  it('finds the module and instance scripts with lang ts', () => {
    const blocks = blocksOf('login.svelte', source);
    expect(blocks).toHaveLength(2);
    expect(blocks.map((block) => block.lang)).toEqual(['ts', 'ts']);
    expect(blocks[0].content).toBe('\n  export const prerender = false;\n');
    expect(blocks[1].content).toContain("webAuth.authorize({ scope: 'openid profile email' });");
    expect(blocks[1]).toMatchObject(locate(source, "\n  import auth0 from 'auth0-js';"));
    expectConsistent(source, blocks);
  });

  it('accepts Svelte 5 <script module>, lang="typescript" and plain scripts', () => {
    const text = '<script module>\nexport const a = 1;\n</script>\n<script lang="typescript">\nlet b: number = 2;\n</script>\n<p>{b}</p>';
    expect(blocksOf('a.svelte', text).map((block) => [block.lang, block.content.trim()])).toEqual([
      ['js', 'export const a = 1;'],
      ['ts', 'let b: number = 2;'],
    ]);
  });

  it('finds a script placed after markup with comparison expressions', () => {
    const text = '<p>{a<b}</p>\n<button on:click={() => n > 1 && go()}>x</button>\n<script>\nlet n = 1;\n</script>\n';
    const blocks = blocksOf('a.svelte', text);
    expect(blocks.map((block) => block.content)).toEqual(['\nlet n = 1;\n']);
    expect(blocks[0]).toMatchObject({ line: 3, column: 8 });
  });

  it('skips scripts in other languages and external scripts', () => {
    expect(blocksOf('a.svelte', '<script lang="coffee">\nx = 1\n</script>')).toEqual([]);
    expect(blocksOf('a.svelte', '<script src="./x.js"></script>')).toEqual([]);
  });
});

describe('HTML pages', () => {
  const source = fixture('index.html');

  it('takes only inline JavaScript: classic and module scripts', () => {
    const blocks = blocksOf('index.html', source);
    expect(blocks).toHaveLength(2);
    expect(blocks.map((block) => block.lang)).toEqual(['js', 'js']);
    expect(blocks[0].content).toContain("innerHTML = '<div class=\"empty\"></div>';");
    expect(blocks[0].content.trimEnd().endsWith("'<div class=\"empty\"></div>';")).toBe(true);
    expect(blocks[1].content).toContain("import { showProfile } from './profile.js';");
    expect(blocks.some((block) => block.content.includes('commented out'))).toBe(false);
    expectConsistent(source, blocks);
  });

  it('accepts the JavaScript MIME types and skips data and template types', () => {
    const kinds = [
      ['', true],
      [' type="text/javascript"', true],
      [' type="application/javascript"', true],
      [' type="module"', true],
      [' type="TEXT/JavaScript"', true],
      [' type="application/json"', false],
      [' type="application/ld+json"', false],
      [' type="text/template"', false],
      [' type="text/x-template"', false],
      [' type="text/html"', false],
      [' type="importmap"', false],
      [' src="a.js"', false],
      [' type="module" src="a.js"', false],
    ] as const;
    for (const [attributes, accepted] of kinds) {
      const blocks = blocksOf('a.html', `<script${attributes}>\nvar a = 1;\n</script>`);
      expect(blocks.length, attributes).toBe(accepted ? 1 : 0);
    }
  });

  it('marks in-browser Babel scripts as JSX', () => {
    const [block] = blocksOf('a.htm', '<script type="text/babel">\nReactDOM.render(<App />, root);\n</script>');
    expect(block.lang).toBe('jsx');
  });

  it('skips empty and unterminated scripts', () => {
    expect(blocksOf('a.html', '<script></script><script>  \n </script>')).toEqual([]);
    expect(blocksOf('a.html', '<p>x</p><script>\nvar never = "closed";\n')).toEqual([]);
  });

  it('reports columns on the first line without counting a BOM', () => {
    const [block] = blocksOf('a.html', '\uFEFF<script>var a = 1;</script>');
    expect(block).toMatchObject({ start: 9, line: 1, column: 8, content: 'var a = 1;' });
  });
});

describe('CRLF and BOM containers', () => {
  for (const name of ['profile.vue', 'login.svelte', 'index.html']) {
    it(`${name}: same blocks, same lines, offsets into the original text`, () => {
      const lf = fixture(name);
      const crlf = toCrlfWithBom(lf);
      const lfBlocks = blocksOf(name, lf);
      const crlfBlocks = blocksOf(name, crlf);
      expect(crlfBlocks.map((block) => block.content)).toEqual(lfBlocks.map((block) => block.content.replace(/\n/g, '\r\n')));
      expect(crlfBlocks.map((block) => [block.line, block.column, block.lang])).toEqual(
        lfBlocks.map((block) => [block.line, block.column, block.lang]),
      );
      expectConsistent(crlf, crlfBlocks);
      expect(spliceScriptBlocks(crlf, crlfBlocks, crlfBlocks.map(() => null))).toBe(crlf);
    });
  }
});

describe('spliceScriptBlocks', () => {
  const source = fixture('profile.vue');
  const blocks = blocksOf('profile.vue', source);

  it('is the identity when nothing is replaced', () => {
    expect(spliceScriptBlocks(source, blocks, [null, null])).toBe(source);
    expect(spliceScriptBlocks(source, [], [])).toBe(source);
  });

  it('changes only the replaced block', () => {
    const replaced = blocks[1].content.replace("responseType: 'id_token'", "responseType: 'token id_token'");
    const result = spliceScriptBlocks(source, blocks, [null, replaced]);
    expect(result).toBe(source.slice(0, blocks[1].start) + replaced + source.slice(blocks[1].end));
    const again = blocksOf('profile.vue', result);
    expect(again.map((block) => block.content)).toEqual([blocks[0].content, replaced]);
  });

  it('accepts blocks in any order and keeps each replacement with its block', () => {
    const result = spliceScriptBlocks(source, [blocks[1], blocks[0]], ['\nSECOND\n', '\nFIRST\n']);
    expect(blocksOf('profile.vue', result).map((block) => block.content)).toEqual(['\nFIRST\n', '\nSECOND\n']);
  });

  it('rejects a replacement list of the wrong length and overlapping blocks', () => {
    expect(() => spliceScriptBlocks(source, blocks, [null])).toThrow(RangeError);
    expect(() => spliceScriptBlocks(source, [blocks[0], blocks[0]], [null, null])).toThrow(RangeError);
  });
});

describe('toContainerPosition', () => {
  /** Position inside a block's content of a needle, 1-based line and 0-based column, as Babel reports it. */
  function inBlock(block: ScriptBlock, needle: string): { line: number; column: number } {
    const before = block.content.slice(0, block.content.indexOf(needle)).split(/\r\n|\n/);
    return { line: before.length, column: before[before.length - 1].length };
  }

  for (const [name, transformCrlf] of [
    ['profile.vue', false],
    ['index.html', false],
    ['login.svelte', true],
  ] as const) {
    it(`${name}${transformCrlf ? ' (CRLF, BOM)' : ''}: maps block positions onto the container text`, () => {
      const source = transformCrlf ? toCrlfWithBom(fixture(name)) : fixture(name);
      const block = blocksOf(name, source).find((candidate) => candidate.content.includes('new auth0.'));
      if (!block) throw new Error('fixture has no auth0 block');
      const needle = block.content.includes('new auth0.Management') ? 'new auth0.Management' : 'new auth0.WebAuth';
      const inner = inBlock(block, needle);
      expect(toContainerPosition(block, inner.line, inner.column)).toEqual(locate(source, needle));
    });
  }

  it('shifts columns only on the block’s first line, in whatever base they come', () => {
    const [block] = blocksOf('a.html', '<p>\n  <script>var a = 1;\nvar b = 2;</script>');
    expect(block).toMatchObject({ line: 2, column: 10 });
    expect(toContainerPosition(block, 1, 4)).toEqual({ line: 2, column: 14 });
    expect(toContainerPosition(block, 1, 5)).toEqual({ line: 2, column: 15 });
    expect(toContainerPosition(block, 2, 4)).toEqual({ line: 3, column: 4 });
  });
});
