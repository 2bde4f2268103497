import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserForPath } from '../src/runner/parser';
import { ALL_ID, TRANSFORMS } from '../transforms/index';
import { discoverFixtures } from './helpers/fixtures';

const requireFromHere = createRequire(__filename);
const { applyTransform } = requireFromHere('jscodeshift/src/testUtils') as {
  applyTransform: (
    module: unknown,
    options: Record<string, unknown>,
    input: { source: string; path: string },
    testOptions: { parser: string },
  ) => string;
};

/**
 * The built transforms — what `jscodeshift -t dist/transforms/<id>.js` loads — give every
 * fixture's expected output under jscodeshift's own applyTransform (which trims its result).
 * Cases that need the runner's package scan (`packageFacts` in their options) are the runner's
 * to prove. `npm test` builds before testing.
 */
for (const id of [...TRANSFORMS.map((m) => m.meta.id as string), ALL_ID]) {
  describe(`stock jscodeshift: ${id}`, () => {
    const built: unknown = requireFromHere(join(__dirname, '..', 'dist', 'transforms', `${id}.js`));
    for (const c of discoverFixtures(id).filter((f) => f.packageFacts === undefined)) {
      it(`${c.name}.${c.ext}`, () => {
        const path = `${c.name}.input.${c.ext}`;
        const output = applyTransform(built, c.options, { source: c.input, path }, { parser: parserForPath(path, c.input) });
        expect(output).toBe(c.output === undefined ? '' : c.output.trim());
      });
    }
  });
}
