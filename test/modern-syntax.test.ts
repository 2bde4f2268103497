import { describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../transforms/index';
import { assertParses, discoverFixtures, runOnSource } from './helpers/fixtures';

/**
 * The modern-syntax fixture family (`__testfixtures__/all/modern-*`: legacy Auth0 code beside
 * optional catch bindings, private members, static blocks, top-level await, decorators, import
 * attributes, `using`, `satisfies`, enums). The fixture test checks the edits of all transforms
 * together; here each transform runs alone over every case, as under stock jscodeshift
 * (`-t dist/transforms/<id>.js`): none may throw, and whatever it writes must parse.
 */
const cases = discoverFixtures('all').filter((c) => c.name.startsWith('modern-'));

describe('modern syntax through each transform alone', () => {
  it('covers every form', () => {
    expect(cases.map((c) => c.name)).toEqual([
      'modern-decorators',
      'modern-enum',
      'modern-import-attributes',
      'modern-optional-catch',
      'modern-private-members',
      'modern-satisfies',
      'modern-static-block',
      'modern-top-level-await',
      'modern-using',
    ]);
  });

  for (const c of cases) {
    for (const module of TRANSFORMS) {
      it(`${c.name}.${c.ext} through ${module.meta.id}`, () => {
        const filePath = `${c.name}.input.${c.ext}`;
        const result = runOnSource([module], filePath, c.input, c.options, c.packageFacts);
        if (result.output !== null) assertParses(filePath, result.output);
        for (const finding of result.findings) expect(finding.transform).toBe(module.meta.id);
      });
    }
  }
});
