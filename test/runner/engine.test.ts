import { describe, expect, it } from 'vitest';
import { Engine, RETAINED_SOURCE_BYTES } from '../../src/runner/engine';
import { readTransformOptions } from '../../src/transform-kit';
import { TRANSFORMS } from '../../transforms/index';
import { STAND_INS } from '../cli/helpers';

const EMPTY_FACTS = {
  path: '.',
  endpoints: [],
  scopes: [],
  storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: [] },
  versions: {},
};

describe('Engine', () => {
  it('transforms files past the tree-retention budget by parsing them again, with the same result', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    // A long comment makes a large file that is still quick to parse.
    const padding = `/*${' '.repeat(Math.ceil(RETAINED_SOURCE_BYTES / 3))}*/\n`;
    const sources = [0, 1, 2, 3].map((i) => `${padding}auth0.x${i}({ responseType: 'id_token' });\n`);
    sources.forEach((source, id) => {
      expect(engine.scan({ id, filePath: `f${id}.js`, source, keep: true }).error).toBeNull();
    });
    sources.forEach((source, id) => {
      const result = engine.transform({ id, packageFacts: EMPTY_FACTS });
      expect(result.error).toBeNull();
      expect(result.output).toBe(source.replace("'id_token'", "'token id_token'"));
    });
  });

  it('parses TypeScript syntax in a .js file with the fallback parser, and reports the first parser’s error otherwise', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    const typed = "const t: string = auth0.get('id_token');\n";
    expect(engine.scan({ id: 1, filePath: 'legacy.js', source: typed, keep: true }).error).toBeNull();
    expect(engine.transform({ id: 1, packageFacts: EMPTY_FACTS }).output).toBe("const t: string = auth0.get('token id_token');\n");
    const broken = engine.scan({ id: 2, filePath: 'broken.js', source: 'auth0.x({ a: 1 ;\n', keep: true });
    expect(broken.error).toMatchObject({ line: 1, column: 16 });
    expect(broken.error?.message).not.toMatch(/\(\d+:\d+\)$/);
  });

  it('maps parse errors inside a <script> block to the container’s line and column', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    const vue = '<template><p>auth0</p></template>\n<script>\nconst a = 1;\nauth0.x({ a: ;\n</script>\n';
    const result = engine.scan({ id: 1, filePath: 'App.vue', source: vue, keep: true });
    expect(result.error).toMatchObject({ line: 4, column: 14 });
  });

  it('does not parse again a file past the budget that nothing can change in a package without scopes', () => {
    const engine = new Engine('all', readTransformOptions({}), TRANSFORMS);
    const padding = `/*${' '.repeat(Math.ceil(RETAINED_SOURCE_BYTES / 2))}*/\n`;
    const login = `${padding}export const w = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });\n`;
    const sources = [login, login, login, login];
    sources.forEach((source, id) => expect(engine.scan({ id, filePath: `f${id}.js`, source, keep: true }).error).toBeNull());
    // The last files are past the budget: without scopes they come back unchanged, with scopes migrated.
    expect(engine.transform({ id: 3, packageFacts: EMPTY_FACTS })).toEqual({ id: 3, output: null, findings: [], changedBy: [], error: null });
    const migrated = engine.transform({ id: 2, packageFacts: { ...EMPTY_FACTS, scopes: ['read:current_user'] } });
    expect(migrated.error).toBeNull();
    expect(migrated.output).toContain("responseType: 'token id_token'");
  });

  it('answers a transform request for a file it never scanned with an error', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    expect(engine.transform({ id: 9, packageFacts: EMPTY_FACTS }).error).toEqual({ message: 'file was not scanned' });
  });
});
