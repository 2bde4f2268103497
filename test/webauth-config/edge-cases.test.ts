import { describe, expect, it } from 'vitest';
import { severityOf } from '../../src/catalog/findings';
import type { PackageFacts } from '../../src/types';
import { transformModule } from '../../transforms/webauth-config';
import { runOnSource } from '../helpers/fixtures';

const GET_USER = "\nwebAuth.parseHash((err, r) => new auth0.Management({ domain: 'acme.auth0.com', token: r.idToken }).getUser(id, cb));\n";

function run(source: string, options: Record<string, unknown> = {}, file = 'app.js', packageFacts?: PackageFacts) {
  const result = runOnSource([transformModule], file, source, options, packageFacts);
  const warnings = result.findings.filter((f) => severityOf(f.code) === 'warning');
  return { output: result.output ?? source, changed: result.output !== null, findings: warnings.map((f) => `${f.line}:${f.code}`) };
}

function facts(auth0Lock: string | undefined, scopes: string[] = ['read:current_user']): PackageFacts {
  return {
    path: '.',
    endpoints: [],
    scopes,
    storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: [] },
    versions: auth0Lock ? { auth0Lock } : {},
  };
}

describe('webauth-config: advice for a scope it cannot edit', () => {
  it('names what is missing: the Management scopes, or only openid when they are all there', () => {
    const config = (scope: string) =>
      `const SCOPE = '${scope}';\nconst webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'x', responseType: 'token id_token', scope: SCOPE });${GET_USER}`;
    const message = (scope: string) => runOnSource([transformModule], 'app.js', config(scope), {}).findings.map((f) => f.message);
    expect(message('profile')).toEqual(["scope is not a string literal here; add 'read:current_user' to it by hand (keep openid)"]);
    expect(message('profile read:current_user')).toEqual([
      "scope is not a string literal here; add 'openid' (a migrated login asks for an ID token too) to it by hand (keep openid)",
    ]);
  });
});

describe('webauth-config: what decides whether anything changes', () => {
  it('changes nothing, and reports nothing, in a file whose package makes no Management API call', () => {
    const source = "new auth0.WebAuth({ domain: 'login.acme.com', clientID: 'x', responseType: 'id_token' });\n";
    expect(run(source)).toEqual({ output: source, changed: false, findings: [] });
  });

  it('takes the scopes from --scopes when the file itself makes no call', () => {
    const { output } = run("new auth0.WebAuth({ domain: 'acme.auth0.com', responseType: 'id_token' });", { scopes: ['read:current_user'] });
    expect(output).toBe(
      [
        'new auth0.WebAuth({',
        "  domain: 'acme.auth0.com',",
        "  audience: 'https://acme.auth0.com/api/v2/',",
        "  scope: 'openid profile email read:current_user',",
        "  responseType: 'token id_token'",
        '});',
      ].join('\n'),
    );
  });

  it('keeps a finding silent on a line marked auth0-mgmt-codemod-ignore, still changing nothing', () => {
    const source = "new auth0.WebAuth({\n  domain: 'login.acme.com', // auth0-mgmt-codemod-ignore\n  responseType: 'id_token'\n});" + GET_USER;
    expect(run(source)).toEqual({ output: source, changed: false, findings: [] });
  });

  it("leaves 'id_token token' and 'token id_token' as they are", () => {
    const source = "new auth0.WebAuth({ domain: 'acme.auth0.com', audience: 'https://acme.auth0.com/api/v2/', scope: 'openid read:current_user', responseType: 'id_token token' });" + GET_USER;
    expect(run(source).changed).toBe(false);
  });
});

describe('webauth-config: layout of what is added', () => {
  it('fills an empty Lock options object', () => {
    const { output } = run("new Auth0Lock('id', 'acme.auth0.com', {});" + GET_USER);
    expect(output).toBe(
      [
        "new Auth0Lock('id', 'acme.auth0.com', {",
        '  oidcConformant: true,',
        '  auth: {',
        "    audience: 'https://acme.auth0.com/api/v2/',",
        "    responseType: 'token id_token',",
        "    params: { scope: 'openid profile email read:current_user' }",
        '  }',
        '});',
        '',
      ].join('\n') + GET_USER.slice(1),
    );
  });

  it('indents new nested objects with the tabs the file uses', () => {
    const source = "var lock = new Auth0Lock('id', 'acme.auth0.com', {\n\tclosable: false\n});" + GET_USER;
    expect(run(source, {}, 'app.js', facts('^11.0.0')).output).toBe(
      "var lock = new Auth0Lock('id', 'acme.auth0.com', {\n\tclosable: false,\n\tauth: {\n\t\taudience: 'https://acme.auth0.com/api/v2/',\n\t\tparams: {\n\t\t\tscope: 'openid profile email read:current_user'\n\t\t}\n\t}\n});" +
        GET_USER,
    );
  });

  it('keeps CRLF line endings in new nested objects', () => {
    const source = "var lock = new Auth0Lock('id', 'acme.auth0.com', {\r\n  closable: false,\r\n});\r\n" + GET_USER.replace(/\n/g, '\r\n');
    expect(run(source, {}, 'app.js', facts('11.0.0')).output).toBe(
      "var lock = new Auth0Lock('id', 'acme.auth0.com', {\r\n  closable: false,\r\n  auth: {\r\n    audience: 'https://acme.auth0.com/api/v2/',\r\n    params: {\r\n      scope: 'openid profile email read:current_user',\r\n    },\r\n  },\r\n});\r\n" +
        GET_USER.replace(/\n/g, '\r\n'),
    );
  });

  it('quotes new keys where the object quotes its keys', () => {
    const { output } = run('new auth0.WebAuth({ "domain": "acme.auth0.com", "responseType": "id_token" });' + GET_USER);
    expect(output.split('\n').slice(0, 6)).toEqual([
      'new auth0.WebAuth({',
      '  "domain": "acme.auth0.com",',
      '  "audience": "https://acme.auth0.com/api/v2/",',
      '  "scope": "openid profile email read:current_user",',
      '  "responseType": "token id_token"',
      '});',
    ]);
  });

  it('adds the scope right after an existing Management audience', () => {
    const { output } = run("new auth0.WebAuth({ domain: d, audience: `https://${d}/api/v2/`, responseType: 'token id_token' });" + GET_USER);
    expect(output.split('\n').slice(0, 6)).toEqual([
      'new auth0.WebAuth({',
      '  domain: d,',
      '  audience: `https://${d}/api/v2/`,',
      "  scope: 'openid profile email read:current_user',",
      "  responseType: 'token id_token'",
      '});',
    ]);
  });
});

describe('webauth-config: audiences', () => {
  it('replaces a /userinfo audience held in a constant at the place it is used', () => {
    const source = "const AUD = 'https://acme.auth0.com/userinfo';\nnew auth0.WebAuth({ domain: 'acme.auth0.com', audience: AUD, scope: 'openid', responseType: 'token id_token' });" + GET_USER;
    expect(run(source).output.split('\n')[1]).toBe(
      "new auth0.WebAuth({ domain: 'acme.auth0.com', audience: 'https://acme.auth0.com/api/v2/', scope: 'openid read:current_user', responseType: 'token id_token' });",
    );
  });

  it('replaces the tail of a /userinfo template audience', () => {
    const { output } = run('new auth0.WebAuth({ domain: D, audience: `https://${D}/userinfo`, responseType: "id_token" });' + GET_USER);
    expect(output.split('\n').slice(0, 6)).toEqual([
      'new auth0.WebAuth({',
      '  domain: D,',
      '  audience: `https://${D}/api/v2/`,',
      '  scope: "openid profile email read:current_user",',
      '  responseType: "token id_token"',
      '});',
    ]);
  });

  it('reports a /userinfo audience on a custom domain constant and leaves it', () => {
    const source = "const D = 'login.acme.com';\nnew auth0.WebAuth({ domain: D, audience: `https://${D}/userinfo`, responseType: 'id_token' });" + GET_USER;
    expect(run(source)).toMatchObject({ changed: false, findings: ['2:custom-domain'] });
  });

  it('reports an audience it cannot see (a config value, an env var, empty) as unresolved, one written out as another API', () => {
    for (const value of ['config.audience', 'process.env.AUDIENCE', "''", 'undefined', 'AUDIENCE']) {
      const source = `new auth0.WebAuth({ domain: 'acme.auth0.com', audience: ${value}, responseType: 'id_token' });` + GET_USER;
      expect(run(source), value).toMatchObject({ changed: false, findings: ['1:unresolved-config'] });
    }
    for (const value of ["'https://api.acme.com/'", '`https://${host}/orders`', 'API_AUDIENCE']) {
      const source = `const API_AUDIENCE = 'https://api.acme.com/';\nnew auth0.WebAuth({ domain: 'acme.auth0.com', audience: ${value}, responseType: 'id_token' });` + GET_USER;
      expect(run(source), value).toMatchObject({ changed: false, findings: ['2:custom-audience'] });
    }
  });

  it("replaces Lock's auth.params.audience, which wins over auth.audience, instead of adding one", () => {
    const source =
      "new Auth0Lock('id', 'acme.auth0.com', { auth: { redirect: false, params: { audience: 'https://acme.auth0.com/userinfo', responseType: 'id_token token' } } });" +
      GET_USER;
    expect(run(source, {}, 'app.js', facts('11.5.0')).output.split('\n').slice(0, 10)).toEqual([
      "new Auth0Lock('id', 'acme.auth0.com', {",
      '  auth: {',
      '    redirect: false,',
      '    params: {',
      "      audience: 'https://acme.auth0.com/api/v2/',",
      "      scope: 'openid profile email read:current_user',",
      "      responseType: 'id_token token'",
      '    }',
      '  }',
      '});',
    ]);
  });

  it('migrates the per-call second token of an app whose config asks for another API (pitfall 4)', () => {
    const toManagement = (r: string): string => `(e, ${r}) => new auth0.Management({ domain: 'acme.auth0.com', token: ${r}.idToken }).getUser(id, cb)`;
    const source =
      "var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', audience: 'https://api.acme.com/', responseType: 'token id_token' });\n" +
      `webAuth.checkSession({ audience: 'https://acme.auth0.com/userinfo', scope: 'openid' }, ${toManagement('a')});\n` +
      "webAuth.checkSession({ scope: 'openid' }, cb);\n" +
      `webAuth.checkSession({ audience: 'https://acme.auth0.com/api/v2/' }, ${toManagement('b')});\n`;
    const { output, findings } = run(source);
    // The config's own token goes to the app's API only: its flow is not the Management API's.
    expect(findings).toEqual([]);
    expect(output.split('\n').slice(0, 7)).toEqual([
      source.split('\n')[0],
      `webAuth.checkSession({ audience: 'https://acme.auth0.com/api/v2/', scope: 'openid read:current_user' }, ${toManagement('a')});`,
      "webAuth.checkSession({ scope: 'openid' }, cb);",
      // The config's scope is the other API's: this second token needs its own. The options grew
      // past the line limit, so they now take one line per member.
      'webAuth.checkSession({',
      "  audience: 'https://acme.auth0.com/api/v2/',",
      "  scope: 'openid profile email read:current_user'",
      `}, ${toManagement('b')});`,
    ]);
  });

  it('leaves the whole flow alone where the config that logs the user in asks for another API', () => {
    const source =
      "var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', audience: 'https://api.acme.com/', responseType: 'token id_token' });\n" +
      "webAuth.authorize({ scope: 'openid' });" +
      GET_USER;
    expect(run(source)).toEqual({ output: source, changed: false, findings: ['1:custom-audience'] });
  });
});

describe('webauth-config: Lock 10 and 11', () => {
  it('adds nothing for oidcConformant when the package declares Lock 11', () => {
    const source = "new Auth0Lock('id', 'acme.auth0.com', { auth: { redirect: false, responseType: 'id_token' } });" + GET_USER;
    expect(run(source, {}, 'app.js', facts('~11.2.0')).output.split('\n').slice(0, 8)).toEqual([
      "new Auth0Lock('id', 'acme.auth0.com', {",
      '  auth: {',
      '    redirect: false,',
      "    audience: 'https://acme.auth0.com/api/v2/',",
      "    responseType: 'token id_token',",
      "    params: { scope: 'openid profile email read:current_user' }",
      '  }',
      '});',
    ]);
  });

  it('adds oidcConformant for Lock 10 and when the version is not declared', () => {
    const source = "new Auth0Lock('id', 'acme.auth0.com', { auth: { responseType: 'token id_token' } });" + GET_USER;
    const expected = [
      "new Auth0Lock('id', 'acme.auth0.com', {",
      '  oidcConformant: true,',
      '  auth: {',
      "    audience: 'https://acme.auth0.com/api/v2/',",
      "    responseType: 'token id_token',",
      "    params: { scope: 'openid profile email read:current_user' }",
      '  }',
      '});',
    ].join('\n');
    expect(run(source, {}, 'app.js', facts('^10.24.0')).output.split('\n').slice(0, 8).join('\n')).toBe(expected);
    expect(run(source, {}, 'app.js', facts(undefined)).output.split('\n').slice(0, 8).join('\n')).toBe(expected);
  });

  it('takes a working popup config with oidcConformant and an id_token for Lock 11, unless Lock 10 is declared', () => {
    const source = "new Auth0Lock('id', 'acme.auth0.com', {\n  oidcConformant: true,\n  auth: { redirect: false, responseType: 'id_token' }\n});" + GET_USER;
    expect(run(source).output.split('\n').slice(2, 8)).toEqual([
      '  auth: {',
      '    redirect: false,',
      "    audience: 'https://acme.auth0.com/api/v2/',",
      "    responseType: 'token id_token',",
      "    params: { scope: 'openid profile email read:current_user' }",
      '  }',
    ]);
    expect(run(source, {}, 'app.js', facts('10.20.0'))).toMatchObject({ changed: false, findings: ['3:unresolved-config'] });
  });

  it('reports oidcConformant: false where Lock 10 may be in use', () => {
    const source = "new Auth0Lock('id', 'acme.auth0.com', {\n  oidcConformant: false,\n  auth: { responseType: 'token id_token' }\n});" + GET_USER;
    expect(run(source)).toMatchObject({ changed: false, findings: ['2:unresolved-config'] });
  });

  it('creates the options of lockProvider.init when there are none', () => {
    const source = "lockProvider.init({ clientID: 'id', domain: 'acme.auth0.com' });" + GET_USER;
    expect(run(source, {}, 'app.js', facts('11.1.0')).output.split('\n').slice(0, 10)).toEqual([
      'lockProvider.init({',
      "  clientID: 'id',",
      "  domain: 'acme.auth0.com',",
      '  options: {',
      '    auth: {',
      "      audience: 'https://acme.auth0.com/api/v2/',",
      "      params: { scope: 'openid profile email read:current_user' }",
      '    }',
      '  }',
      '});',
    ]);
  });

  it('reports a domain that is not in scope where the Lock options are defined, unless --audience is given', () => {
    const source =
      "const options = { auth: { responseType: 'token id_token' } };\nfunction create(domain) {\n  return new Auth0Lock('id', domain, options);\n}" +
      GET_USER;
    expect(run(source, {}, 'app.js', facts('11.0.0'))).toMatchObject({ changed: false, findings: ['3:unresolved-config'] });
    expect(run(source, { audience: 'https://acme.auth0.com/api/v2/' }, 'app.js', facts('11.0.0')).output.split('\n').slice(0, 7)).toEqual([
      'const options = {',
      '  auth: {',
      "    audience: 'https://acme.auth0.com/api/v2/',",
      "    responseType: 'token id_token',",
      "    params: { scope: 'openid profile email read:current_user' }",
      '  }',
      '};',
    ]);
  });
});

describe('webauth-config: option objects it cannot vouch for', () => {
  it('edits a literal shared by two constructions once', () => {
    const source =
      "var config = { domain: 'acme.auth0.com', responseType: 'id_token', scope: 'openid' };\nvar a = new auth0.WebAuth(config);\nvar b = new auth0.WebAuth(config);" +
      GET_USER;
    expect(run(source).output.split('\n').slice(0, 6)).toEqual([
      'var config = {',
      "  domain: 'acme.auth0.com',",
      "  responseType: 'token id_token',",
      "  audience: 'https://acme.auth0.com/api/v2/',",
      "  scope: 'openid read:current_user'",
      '};',
    ]);
  });

  it('does not resolve a config that gets login keys later', () => {
    const source = "var config = { domain: 'acme.auth0.com', responseType: 'id_token' };\nconfig.scope = 'openid';\nnew auth0.WebAuth(config);" + GET_USER;
    expect(run(source)).toMatchObject({ changed: false, findings: ['3:unresolved-config'] });
  });

  it('reports computed keys', () => {
    const source = "new auth0.WebAuth({ domain: 'acme.auth0.com', [key]: 'id_token' });" + GET_USER;
    expect(run(source)).toMatchObject({ changed: false, findings: ['1:unresolved-config'] });
  });

  it('reports a non-literal responseType that would need the access token', () => {
    const source = "const RT = 'id_token';\nnew auth0.WebAuth({ domain: 'acme.auth0.com', responseType: RT });" + GET_USER;
    expect(run(source)).toMatchObject({ changed: false, findings: ['2:unresolved-config'] });
  });

  it('follows the per-call options of angularAuth0 through authParams and lock.show through auth.params', () => {
    const source =
      "angularAuth0.passwordlessStart({ connection: 'sms', authParams: { scope: 'openid' } }, cb);\n" +
      "this.lock.show({ auth: { params: { responseType: 'id_token' } } });" +
      GET_USER;
    expect(run(source).output.split('\n').slice(0, 2)).toEqual([
      "angularAuth0.passwordlessStart({ connection: 'sms', authParams: { scope: 'openid read:current_user' } }, cb);",
      "this.lock.show({ auth: { params: { responseType: 'token id_token' } } });",
    ]);
  });
});
