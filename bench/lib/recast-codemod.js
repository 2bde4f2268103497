// @ts-check
'use strict';

/**
 * NOT A MIGRATION: this transform changes nothing. It is a floor for the cost of a conventional
 * jscodeshift codemod for this migration, the second jscodeshift baseline of bench/run.js.
 *
 * Any such codemod parses every file it is given with recast (`j(file.source)`; no text
 * pre-filter, that is our tool's idea), looks in the tree for Auth0 code, and reprints the files
 * it changes with `toSource()`. This does exactly that much and no more: one walk that stops at
 * the first Auth0 name or URL, then `toSource()` of the untouched tree. recast returns the original
 * text for it (jscodeshift counts the file "unmodified"), after comparing the whole tree with its
 * parse; a codemod that edits nodes also pays for printing them.
 */

/** Identifiers and member names of the auth0.js / Lock / node-auth0 APIs the migration touches. */
const NAMES = new Set(['auth0', 'Auth0Lock', 'WebAuth', 'Management', 'ManagementClient']);
/** Module names and URLs; the babel parser gives `Literal`, tsx gives `StringLiteral`. */
const TEXT = /auth0\.com|auth0-js|auth0-lock|\/authorize|\/oauth\/token|\/api\/v2\//;

/** @type {import('jscodeshift').Transform} */
module.exports = function recastCodemodFloor(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let found = false;
  j.types.visit(root.get().node, {
    visitIdentifier(path) {
      if (NAMES.has(path.node.name)) {
        found = true;
        this.abort();
      }
      this.traverse(path);
    },
    visitLiteral(path) {
      // Also visits StringLiteral, which ast-types defines as a kind of Literal.
      const value = /** @type {{ value?: unknown }} */ (path.node).value;
      if (typeof value === 'string' && TEXT.test(value)) {
        found = true;
        this.abort();
      }
      this.traverse(path);
    },
    visitTemplateElement(path) {
      if (TEXT.test(path.node.value.raw)) {
        found = true;
        this.abort();
      }
      this.traverse(path);
    },
  });
  return found ? root.toSource() : undefined;
};
