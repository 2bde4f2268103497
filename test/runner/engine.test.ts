import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/runner/engine';
import { readTransformOptions } from '../../src/transform-kit';
import type { PackageFacts } from '../../src/types';
import { TRANSFORMS } from '../../transforms/index';
import { STAND_INS } from '../cli/helpers';

const EMPTY_FACTS: PackageFacts = {
  path: '.',
  endpoints: [],
  scopes: [],
  storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: [] },
  versions: {},
};

describe('Engine', () => {
  it('transforms a file with the guessed package facts plus its own, and says which facts it read', () => {
    const engine = new Engine('all', readTransformOptions({}), TRANSFORMS);
    const source = [
      "const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token', scope: 'openid' });",
      "const management = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });",
      "management.getUser(localStorage.getItem('user_id'), () => {});",
      '',
    ].join('\n');
    const result = engine.process({ id: 1, filePath: 'auth.js', source, guess: EMPTY_FACTS });
    expect(result.error).toBeNull();
    expect(result.facts).toEqual({
      endpoints: ['GET /api/v2/users/{id}'],
      methodEndpoints: ['GET /api/v2/users/{id}'],
      tenantHosts: ['acme.auth0.com'],
      clientIds: ['c'],
      embeddedLogin: false,
      storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: ['id_token'] },
    });
    // A first run: every flow site acts. The guess knew no scopes; the file's own call supplies read:current_user.
    expect(result.transform?.output).toBe(
      source
        .replace(
          "{ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token', scope: 'openid' }",
          "{\n  domain: 'acme.auth0.com',\n  clientID: 'c',\n  responseType: 'token id_token',\n  audience: 'https://acme.auth0.com/api/v2/',\n  scope: 'openid read:current_user'\n}",
        )
        .replace("getItem('id_token')", "getItem('access_token')"),
    );
    expect(result.transform?.findings).toEqual([]);
    expect(result.transform?.reads).toContain('scopes');
    // And it names its sites for the package's plan: the login and the Management API client.
    expect(result.transform?.sites.map((s) => [s.line, s.role, s.transform, s.outcome])).toEqual([
      [1, 'producer', 'webauth-config', 'edit'],
      [2, 'consumer', 'management-token', 'edit'],
    ]);
  });

  it('leaves a site alone where the plan decides so, and acts where it decides so', () => {
    const engine = new Engine('all', readTransformOptions({}), TRANSFORMS);
    const source = "new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(u, cb);\n";
    const first = engine.process({ id: 1, filePath: 'a.js', source, guess: EMPTY_FACTS });
    const [consumer] = first.transform?.sites ?? [];
    const held = engine.transform({ id: 1, filePath: 'a.js', source, packageFacts: EMPTY_FACTS, decisions: {} });
    expect(held.output).toBeNull();
    const acted = engine.transform({ id: 1, filePath: 'a.js', source, packageFacts: EMPTY_FACTS, decisions: { [consumer.key]: { act: true, scopes: [] } } });
    expect(acted.output).toBe(source.replace('id_token', 'access_token'));
  });

  it('only scans a file given no guess', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    const result = engine.process({ id: 1, filePath: 'a.js', source: "auth0.x('id_token');\n", guess: null });
    expect(result).toEqual({
      id: 1,
      error: null,
      transform: null,
      facts: { endpoints: [], methodEndpoints: [], tenantHosts: [], storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: [] } },
    });
  });

  it('gives the same result when it parses a file again with final facts', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    const source = "auth0.x({ responseType: 'id_token', scope: 'SCOPES' });\n";
    const facts = { ...EMPTY_FACTS, endpoints: ['GET /api/v2/users/{id}'], scopes: ['read:current_user'] };
    const first = engine.process({ id: 1, filePath: 'a.js', source, guess: facts });
    const again = engine.transform({ id: 1, filePath: 'a.js', source, packageFacts: facts });
    expect(again.output).toBe("auth0.x({ responseType: 'token id_token', scope: 'read:current_user' });\n");
    expect(first.transform).toMatchObject({ output: again.output, findings: again.findings, changedBy: again.changedBy, error: null });
  });

  it('parses TypeScript syntax in a .js file with the fallback parser, and reports the first parser’s error otherwise', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    const typed = "const t: string = auth0.get('id_token');\n";
    expect(engine.process({ id: 1, filePath: 'legacy.js', source: typed, guess: EMPTY_FACTS }).transform?.output).toBe(
      "const t: string = auth0.get('token id_token');\n",
    );
    const broken = engine.process({ id: 2, filePath: 'broken.js', source: 'auth0.x({ a: 1 ;\n', guess: EMPTY_FACTS });
    expect(broken.error).toMatchObject({ line: 1, column: 16 });
    expect(broken.error?.message).not.toMatch(/\(\d+:\d+\)$/);
    expect(broken.transform).toBeNull();
    expect(engine.transform({ id: 2, filePath: 'broken.js', source: 'auth0.x({ a: 1 ;\n', packageFacts: EMPTY_FACTS }).error).toMatchObject({
      line: 1,
      column: 16,
    });
  });

  it('maps parse errors inside a <script> block to the container’s line and column', () => {
    const engine = new Engine('all', readTransformOptions({}), STAND_INS);
    const vue = '<template><p>auth0</p></template>\n<script>\nconst a = 1;\nauth0.x({ a: ;\n</script>\n';
    const result = engine.process({ id: 1, filePath: 'App.vue', source: vue, guess: EMPTY_FACTS });
    expect(result.error).toMatchObject({ line: 4, column: 14 });
  });
});
