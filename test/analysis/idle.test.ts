import { describe, expect, it } from 'vitest';
import jscodeshift from 'jscodeshift';
import { parseSource } from '../../src/ast/parse';
import { extractScriptBlocks } from '../../src/runner/containers';
import { parserForPath } from '../../src/runner/parser';
import type { PackageFacts } from '../../src/types';
import { idleWithoutScopes, TRANSFORMS } from '../../transforms/index';
import { discoverFixtures, runOnSource } from '../helpers/fixtures';

/**
 * The runner skips parsing a file a second time when `idleWithoutScopes` says no transform can
 * act on it in a package without scopes. That claim is checked here against every fixture: a
 * file judged idle must come out unchanged and without findings, whatever the package stores.
 */

const NO_SCOPES: PackageFacts[] = [
  { path: '.', endpoints: [], scopes: [], storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: [] }, versions: {} },
  {
    path: '.',
    endpoints: [],
    scopes: [],
    storage: { idTokenKeys: ['id_token', 'idToken', 'token'], accessTokenKeys: [], managementTokenKeys: ['id_token', 'idToken', 'token'] },
    tenantHosts: ['acme.auth0.com'],
    versions: {},
  },
];

const fixtures = ['webauth-config', 'authorize-url', 'token-request', 'management-token', 'all'].flatMap((id) =>
  discoverFixtures(id).flatMap((c) => [c.input, c.output].filter((text): text is string => text !== undefined).map((text) => ({ c, text }))),
);

describe('idleWithoutScopes', () => {
  it('judges fixtures both ways', () => {
    let idle = 0;
    let active = 0;
    for (const { c, text } of fixtures) {
      const filePath = `${c.name}.${c.ext}`;
      if (extractScriptBlocks(filePath, text) !== null) continue;
      const parser = parserForPath(filePath, text);
      const j = jscodeshift.withParser(parser);
      for (const module of TRANSFORMS) {
        if (idleWithoutScopes([module], j, parseSource(j, parser, text))) idle++;
        else active++;
      }
    }
    expect(idle).toBeGreaterThan(100);
    expect(active).toBeGreaterThan(20);
  });

  it('is right whenever it says a transform has nothing to do', () => {
    for (const { c, text } of fixtures) {
      const filePath = `${c.name}.${c.ext}`;
      if (extractScriptBlocks(filePath, text) !== null) continue;
      const parser = parserForPath(filePath, text);
      const j = jscodeshift.withParser(parser);
      for (const module of TRANSFORMS) {
        if (!idleWithoutScopes([module], j, parseSource(j, parser, text))) continue;
        for (const facts of NO_SCOPES) {
          for (const options of [{}, { 'scope-mode': 'any-user', 'todo-comments': true }]) {
            const result = runOnSource([module], filePath, text, options, facts);
            expect(result.output, `${module.meta.id} on ${c.transformId}/${filePath}`).toBeNull();
            expect(result.findings, `${module.meta.id} on ${c.transformId}/${filePath}`).toEqual([]);
          }
        }
      }
    }
  });

  it('never judges a module from outside the registry idle', () => {
    const j = jscodeshift.withParser('babel');
    const stranger = { meta: TRANSFORMS[0].meta, apply: () => {} };
    expect(idleWithoutScopes([stranger], j, parseSource(j, 'babel', 'x;'))).toBe(false);
  });
});
