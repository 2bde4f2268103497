import { type ParserOptions, type ParserPlugin, parse } from '@babel/parser';
import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import type { ParserName } from '../runner/parser';
import { allowOptionalCatchBinding } from './catch-scope';

export type { ParserName };

/**
 * The parser configurations jscodeshift's `--parser=babel|ts|tsx|flow` select, called directly:
 *
 * - not through recast: recast expands tabs, drops a BOM and normalises line endings before
 *   parsing, so its node offsets do not index into the original file — ours must, because every
 *   edit is a byte-exact splice;
 * - without `tokens` (nothing here reads them, and collecting them costs time);
 * - `babel` without the `estree` plugin: Babel's own node types, as the TypeScript and Flow sets
 *   give, so every file is analysed in one AST dialect; converting to ESTree took about a seventh
 *   of the parse time;
 * - `flow` uses Babel's Flow plugin (jscodeshift's `babylon` set) rather than flow-parser, whose
 *   current releases emit `PropertyDefinition` nodes jscodeshift's ast-types cannot walk.
 */
const COMMON: ParserOptions = {
  sourceType: 'module',
  allowImportExportEverywhere: true,
  allowReturnOutsideFunction: true,
  startLine: 1,
  tokens: false,
};

const BABEL5_COMPAT_PLUGINS: ParserPlugin[] = [
  'jsx',
  'asyncGenerators',
  'classProperties',
  'doExpressions',
  'functionBind',
  'functionSent',
  'objectRestSpread',
  'dynamicImport',
  'nullishCoalescingOperator',
  'optionalChaining',
  ['decorators', { decoratorsBeforeExport: false }],
];

const FLOW_PLUGINS: ParserPlugin[] = [
  ['flow', { all: true }],
  'flowComments',
  'jsx',
  'asyncGenerators',
  'bigInt',
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  ['decorators', { decoratorsBeforeExport: false }],
  'doExpressions',
  'dynamicImport',
  'exportDefaultFrom',
  'exportNamespaceFrom',
  'functionBind',
  'functionSent',
  'importMeta',
  'logicalAssignment',
  'nullishCoalescingOperator',
  'numericSeparator',
  'objectRestSpread',
  'optionalCatchBinding',
  'optionalChaining',
  ['pipelineOperator', { proposal: 'minimal' }],
  'throwExpressions',
];

const TS_PLUGINS: ParserPlugin[] = [
  'asyncGenerators',
  'decoratorAutoAccessors',
  'bigInt',
  'classPrivateMethods',
  'classPrivateProperties',
  'classProperties',
  'decorators-legacy',
  'doExpressions',
  'dynamicImport',
  'exportDefaultFrom',
  'exportNamespaceFrom',
  'functionBind',
  'functionSent',
  'importAttributes',
  'importMeta',
  'nullishCoalescingOperator',
  'numericSeparator',
  'objectRestSpread',
  'optionalCatchBinding',
  'optionalChaining',
  ['pipelineOperator', { proposal: 'minimal' }],
  'throwExpressions',
  'typescript',
];

const OPTIONS: Record<ParserName, ParserOptions> = {
  babel: { ...COMMON, allowHashBang: true, plugins: BABEL5_COMPAT_PLUGINS } as ParserOptions,
  flow: { ...COMMON, plugins: FLOW_PLUGINS },
  ts: { ...COMMON, plugins: TS_PLUGINS },
  tsx: { ...COMMON, plugins: ['jsx', ...TS_PLUGINS] },
};

const scopesReady = new WeakSet<JSCodeshift>();

/** Parses a text into a jscodeshift Collection whose node offsets index into that exact text. */
export function parseSource(j: JSCodeshift, parser: ParserName, source: string): Collection {
  if (!scopesReady.has(j)) {
    allowOptionalCatchBinding(j);
    scopesReady.add(j);
  }
  return j(parse(source, OPTIONS[parser]) as unknown as ASTNode);
}

/**
 * Parses a text with the same parser configuration, for its verdict only: throws the parser's
 * error when the text is not valid code. No tree is kept and no comment attached to a node (a
 * third of the work), so this costs less than Babel's full parse.
 */
export function assertParses(parser: ParserName, source: string): void {
  parse(source, { ...OPTIONS[parser], attachComment: false });
}
