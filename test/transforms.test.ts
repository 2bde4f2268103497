import { describe, expect, it } from 'vitest';
import { ALL_ID, TRANSFORMS } from '../transforms/index';
import { severityOf } from '../src/catalog/findings';
import type { Finding } from '../src/types';
import { assertParses, discoverFixtures, orphanFixtureFiles, runOnSource } from './helpers/fixtures';

/**
 * The fixture contract (DESIGN.md): `<case>.input.<ext>` → `<case>.output.<ext>` exactly;
 * `noop-*` and `bail-*` must not change; `bail-*` must report the findings in `<case>.findings.json`,
 * and a case without that file must report none. Every output is run again and must not change
 * nor report anything new (idempotence), and must still parse.
 */
/** Open findings: notes (consent, RS256) are about the tenant, and the plan's tests cover them. */
function warnings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => severityOf(f.code) === 'warning');
}

const suites = [...TRANSFORMS.map((m) => ({ id: m.meta.id as string, modules: [m] })), { id: ALL_ID, modules: TRANSFORMS }];

for (const { id, modules } of suites) {
  describe(`fixtures: ${id}`, () => {
    const cases = discoverFixtures(id);

    it('has no orphan output or findings files', () => {
      expect(orphanFixtureFiles(id)).toEqual([]);
    });

    for (const c of cases) {
      const mustNotChange = c.name.startsWith('noop-') || c.name.startsWith('bail-');
      it(`${c.name}.${c.ext}`, () => {
        const filePath = `${c.name}.input.${c.ext}`;
        const result = runOnSource(modules, filePath, c.input, c.options, c.packageFacts);

        if (mustNotChange) {
          expect(c.output, 'noop-/bail- cases have no output file').toBeUndefined();
          expect(result.output).toBeNull();
        } else {
          expect(c.output, `missing ${c.name}.output.${c.ext}`).toBeDefined();
          expect(result.output ?? c.input).toBe(c.output);
          assertParses(filePath, c.output as string);
          const again = runOnSource(modules, filePath, c.output as string, c.options, c.packageFacts);
          expect(again.output, 'a second run changes nothing').toBeNull();
          // Nor does it find anything new in what it wrote (lines may move by the added ones).
          expect(warnings(again.findings).map((f) => f.code), 'a second run reports the same').toEqual(warnings(result.findings).map((f) => f.code));
        }

        if (c.name.startsWith('bail-')) {
          expect(c.findings, `bail- cases need ${c.name}.findings.json`).toBeDefined();
        }
        // Without a findings file, a case must report nothing.
        // A findings file may also name a finding's cause; then the finding must carry exactly it.
        const actual = warnings(result.findings).map((f, i) => ({
          code: f.code,
          line: f.line,
          ...(c.findings?.[i] && 'cause' in c.findings[i] ? { cause: f.cause } : {}),
        }));
        expect(actual).toEqual(c.findings ?? []);
      });
    }
  });
}
