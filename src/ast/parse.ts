import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';

import type { ParserName } from '../runner/parser';

export type { ParserName };

interface RawParser {
  parse(source: string): unknown;
}

// jscodeshift's own parser configurations (the ones `--parser=` selects), without recast.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const getParser = require('jscodeshift/src/getParser') as (name: string) => RawParser;

const parsers = new Map<ParserName, RawParser>();

/**
 * Parses with jscodeshift's parser of that name but without recast's re-reading of the text:
 * recast expands tabs, drops a BOM and normalises line endings before parsing, so its node
 * offsets do not index into the original file. Ours do, which is what byte-exact edits need.
 */
export function parseSource(j: JSCodeshift, parser: ParserName, source: string): Collection {
  let raw = parsers.get(parser);
  if (!raw) {
    raw = getParser(parser);
    parsers.set(parser, raw);
  }
  return j(raw.parse(source) as ASTNode);
}
