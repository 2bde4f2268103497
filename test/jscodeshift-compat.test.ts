import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserForPath } from '../src/runner/parser';
import { ALL_ID, TRANSFORMS } from '../transforms/index';
import { discoverFixtures, runOnSource } from './helpers/fixtures';

const modules = (id: string) => (id === ALL_ID ? TRANSFORMS : TRANSFORMS.filter((m) => m.meta.id === id));

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
        // Run alone, a transform counts only on its own edits: where the case's login needs
        // another transform, management-token leaves the token alone (the fixtures show each
        // transform's share of an `all` run).
        const alone = runOnSource(modules(id), path, c.input, c.options, undefined, { alone: true }).output;
        expect(output).toBe((alone ?? '').trim());
        if (id !== 'management-token') expect(output).toBe(c.output === undefined ? '' : c.output.trim());
      });
    }
  });
}
