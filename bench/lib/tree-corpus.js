// @ts-check
'use strict';

/**
 * The "big tree" corpus: real third-party JavaScript and TypeScript copied out of the project's
 * own node_modules, standing in for a large monorepo with no Auth0 code in it.
 */

const fs = require('node:fs');
const path = require('node:path');
const { createRandom } = require('./random');

/**
 * The codemod's own rules for what it reads (dist/, built before the corpora): the corpus holds
 * only files it reads too, or the comparison with grep, which reads every file, would flatter it.
 * Its discovery skips declaration files (`.d.ts`), minified files and these folders.
 */
function discoveryRules() {
  // Required when the corpus is built, after run.js has built dist/.
  return require('../../dist/src/runner/discover.js');
}

/** JavaScript and TypeScript only: the big tree stands for code, not markup. */
const SCRIPT_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);

/** Large files are left out of the corpus: a few would otherwise dominate its size. */
const MAX_BYTES = 256 * 1024;

/**
 * Every usable source file under `nodeModules`, in a stable order.
 * @param {string} nodeModules
 * @returns {{ abs: string, rel: string, ext: string, size: number }[]}
 */
function collectSources(nodeModules) {
  const discover = discoveryRules();
  /** @type {{ abs: string, rel: string, ext: string, size: number }[]} */
  const out = [];
  /** @param {string} dir */
  function walk(dir) {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Anything Auth0's own (auth0-js, its types) would make this tree not "Auth0-free".
      if (/auth0/i.test(entry.name) || entry.name === '.bin' || entry.name === '.cache') continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(abs);
        continue;
      }
      if (!entry.isFile()) continue;
      const ext = path.extname(entry.name).toLowerCase();
      if (!SCRIPT_EXTENSIONS.has(ext) || !discover.hasSourceExtension(abs) || discover.hasMinifiedName(abs)) continue;
      const size = fs.statSync(abs).size;
      if (size === 0 || size > MAX_BYTES) continue;
      const text = fs.readFileSync(abs, 'utf8');
      if (/auth0/i.test(text) || discover.looksMinified(text)) continue;
      out.push({ abs, rel: path.relative(nodeModules, abs), ext, size });
    }
  }
  walk(nodeModules);
  return out;
}

/**
 * Renames path segments a discovery walk would skip (`dist`, dot-folders, nested
 * `node_modules`…), keeping the rest of the package layout.
 * @param {string} rel
 */
function safeRelPath(rel) {
  const { DEPENDENCY_DIRS, BUILD_OUTPUT_DIRS } = discoveryRules();
  return rel
    .split(path.sep)
    .map((segment, i, all) => {
      const isDir = i < all.length - 1;
      const lower = segment.toLowerCase();
      if (isDir && (DEPENDENCY_DIRS.has(lower) || BUILD_OUTPUT_DIRS.has(lower) || segment.startsWith('.'))) return `x-${segment.replace(/^\.+/, '')}`;
      if (!isDir && segment.startsWith('.')) return `x-${segment.slice(1)}`;
      return segment;
    })
    .join(path.sep);
}

/**
 * Links `src` to `dest` (hard link: the scaling subsets are views of the same files, and copying
 * 20,000 files twice more would only cost setup time), copying where linking is not possible.
 * @param {string} src
 * @param {string} dest
 */
function linkOrCopy(src, dest) {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  try {
    fs.linkSync(src, dest);
  } catch {
    fs.copyFileSync(src, dest);
  }
}

/**
 * Builds `root/tree` with `count` files (repeating the package sources as often as needed),
 * `root/scale-<n>` subsets for the scaling runs and `root/sample` for stock jscodeshift.
 * Files are shuffled with a fixed seed first, so every prefix mixes many packages rather than
 * being one alphabetical slice of node_modules.
 *
 * @param {{ root: string, nodeModules: string, count: number, scaleSizes: number[], sampleSize: number }} opts
 */
function buildTreeCorpus(opts) {
  const sources = collectSources(opts.nodeModules);
  if (sources.length === 0) throw new Error(`no usable source files under ${opts.nodeModules} (run npm ci first)`);
  createRandom(7).shuffle(sources);
  const treeDir = path.join(opts.root, 'tree');
  /** @type {string[]} tree-relative paths in assignment order */
  const order = [];
  let bytes = 0;
  for (let i = 0; i < opts.count; i++) {
    const src = sources[i % sources.length];
    const rel = path.join(`copy-${Math.floor(i / sources.length)}`, safeRelPath(src.rel));
    const dest = path.join(treeDir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(src.abs, dest);
    order.push(rel);
    bytes += src.size;
  }

  /** @type {Record<number, string>} */
  const scaleDirs = {};
  for (const size of opts.scaleSizes) {
    if (size >= opts.count) continue;
    const dir = path.join(opts.root, `scale-${size}`);
    for (const rel of order.slice(0, size)) linkOrCopy(path.join(treeDir, rel), path.join(dir, rel));
    scaleDirs[size] = dir;
  }

  // Stock jscodeshift is run with its babel parser, which cannot read TypeScript; the sample is
  // therefore the first JavaScript files of the tree, so every sampled file is parsed for real.
  const sampleDir = path.join(opts.root, 'sample');
  let sampled = 0;
  for (const rel of order) {
    if (sampled >= opts.sampleSize) break;
    const ext = path.extname(rel).toLowerCase();
    if (ext !== '.js' && ext !== '.jsx') continue;
    linkOrCopy(path.join(treeDir, rel), path.join(sampleDir, rel));
    sampled++;
  }

  /** @type {Record<string, number>} */
  const byExt = {};
  for (const rel of order) {
    const ext = path.extname(rel).toLowerCase();
    byExt[ext] = (byExt[ext] ?? 0) + 1;
  }
  return { treeDir, scaleDirs, sampleDir, sampleCount: sampled, distinctSources: sources.length, bytes, byExt };
}

module.exports = { buildTreeCorpus };
