// @ts-check
'use strict';

/**
 * Checks the generated corpus before anything is timed: a template that emits broken code would
 * make both tools fail fast on every file and turn the benchmark into a measure of error paths.
 */

const fs = require('node:fs');
const path = require('node:path');
const babel = require('@babel/parser');
const { parse: parseSfc } = require('@vue/compiler-sfc');

/**
 * @param {string} code
 * @param {string} lang 'js' | 'ts' | 'tsx' | 'jsx'
 */
function parseScript(code, lang) {
  /** @type {import('@babel/parser').ParserPlugin[]} */
  const plugins = lang === 'ts' ? ['typescript'] : lang === 'tsx' ? ['typescript', 'jsx'] : ['jsx'];
  babel.parse(code, { sourceType: 'module', plugins, errorRecovery: false });
}

/**
 * @param {string} root
 * @param {{ path: string }[]} files
 * @param {RegExp | null} prefilter the tool's own pre-filter, when built
 * @returns {{ checked: number, failures: string[], notCandidates: string[] }}
 */
function validateLegacyCorpus(root, files, prefilter) {
  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const notCandidates = [];
  for (const file of files) {
    const abs = path.join(root, file.path);
    const text = fs.readFileSync(abs, 'utf8');
    if (prefilter && !prefilter.test(text)) notCandidates.push(file.path);
    try {
      const ext = path.extname(abs);
      if (ext === '.vue') {
        const { descriptor, errors } = parseSfc(text, { filename: abs });
        if (errors.length > 0) throw new Error(String(errors[0]));
        const blocks = [descriptor.script, descriptor.scriptSetup].filter((b) => b !== null);
        if (blocks.length === 0) throw new Error('no <script> block');
        for (const block of blocks) parseScript(block.content, block.lang ?? 'js');
      } else {
        parseScript(text, ext === '.ts' ? 'ts' : ext === '.tsx' ? 'tsx' : 'js');
      }
    } catch (error) {
      failures.push(`${file.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { checked: files.length, failures, notCandidates };
}

module.exports = { validateLegacyCorpus };
