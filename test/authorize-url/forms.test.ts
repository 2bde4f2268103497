import { describe, expect, it } from 'vitest';
import { transformModule } from '../../transforms/authorize-url';
import { runOnSource } from '../helpers/fixtures';

/** Runs the transform on a file that mentions Auth0, with the scopes given (no package scan). */
function run(file: string, body: string, options: Record<string, unknown> = {}) {
  const source = `// auth0\n${body}\n`;
  const result = runOnSource([transformModule], file, source, { scopes: ['read:current_user'], ...options });
  return { output: result.output === null ? null : result.output.slice('// auth0\n'.length, -1), codes: result.findings.map((f) => f.code) };
}

const NEW_QUERY = 'scope=openid%20profile%20email%20read:current_user&response_type=token%20id_token';

describe('authorize-url: URL strings', () => {
  it('keeps a fragment out of the query', () => {
    expect(run('a.js', "u = 'https://acme.auth0.com/authorize?response_type=id_token#f';").output).toBe(
      `u = 'https://acme.auth0.com/authorize?audience=https://acme.auth0.com/api/v2/&${NEW_QUERY}#f';`,
    );
  });

  it('reads the host from a constant base URL', () => {
    expect(run('a.js', "const base = 'https://acme.auth0.com/authorize';\nu = base + '?response_type=id_token';").output).toBe(
      `const base = 'https://acme.auth0.com/authorize';\nu = base + '?audience=https://acme.auth0.com/api/v2/&${NEW_QUERY}';`,
    );
  });

  it('builds the audience from a computed origin, host or optional chain', () => {
    expect(run('a.js', 'u = `${AUTH0_URL}/authorize?response_type=id_token`;').output).toBe(`u = \`\${AUTH0_URL}/authorize?audience=\${AUTH0_URL}/api/v2/&${NEW_QUERY}\`;`);
    expect(run('a.js', 'u = `https://${tenant}.eu.auth0.com/authorize?response_type=id_token`;').output).toBe(
      `u = \`https://\${tenant}.eu.auth0.com/authorize?audience=https://\${tenant}.eu.auth0.com/api/v2/&${NEW_QUERY}\`;`,
    );
    expect(run('a.js', "u = 'https://' + config?.domain + '/authorize?response_type=id_token';").output).toBe(
      `u = 'https://' + config?.domain + '/authorize?audience=https://' + config?.domain + '/api/v2/&${NEW_QUERY}';`,
    );
  });

  it('splices into a concatenation under a TypeScript cast', () => {
    expect(run('a.ts', "u = ('https://' + domain + '/authorize?response_type=id_token') as string;").output).toBe(
      `u = ('https://' + domain + '/authorize?audience=https://' + domain + '/api/v2/&${NEW_QUERY}') as string;`,
    );
  });

  it('reports what it cannot edit safely, and changes nothing', () => {
    const cases: [string, string][] = [
      ["u = 'https://acme.auth0.com/authorize?response_type=id_token' + '&scope=' + scope;", 'computed scope'],
      ['u = `https://acme.auth0.com/authorize?response_type=id_token&${extra}`;', 'computed parameters'],
      ["u = 'https://acme.auth0.com/authorize?response_type=id_token\\u0026client_id=x';", 'escape sequence'],
      ['u = `${window.location.origin}/authorize?response_type=id_token`;', "the app's own origin"],
      ['u = `https://${getDomain()}/authorize?response_type=id_token`;', 'a computed host'],
      ['u = `https://${tenant}.example.com/authorize?response_type=id_token`;', 'a built non-tenant host'],
    ];
    for (const [body, why] of cases) expect(run('a.js', body), why).toEqual({ output: null, codes: ['unresolved-config'] });
  });

  it('leaves text that is not a URL alone', () => {
    expect(run('a.js', "msg = 'Open https://acme.auth0.com/authorize?response_type=id_token to log in';")).toEqual({ output: null, codes: [] });
  });

  it('writes the --audience where the host is unknown', () => {
    expect(run('a.js', "u = '/authorize?response_type=id_token';", { audience: 'https://acme.auth0.com/api/v2/' }).output).toBe(
      `u = '/authorize?audience=https://acme.auth0.com/api/v2/&${NEW_QUERY}';`,
    );
  });
});

describe('authorize-url: query objects and search params', () => {
  it('reports an object whose host, scope or keys are not all known', () => {
    expect(run('a.js', "q = new URLSearchParams({ response_type: 'id_token', client_id });").codes).toEqual(['unresolved-config']);
    expect(run('a.js', "q = 'https://acme.auth0.com/authorize?' + new URLSearchParams({ response_type: 'id_token', scope: SCOPES });").codes).toEqual(['unresolved-config']);
    expect(run('a.js', "q = 'https://acme.auth0.com/authorize?' + new URLSearchParams({ ...base, response_type: 'id_token' });").codes).toEqual(['unresolved-config']);
    expect(run('a.js', "const p = { response_type: 'id_token' };\np.scope = 'openid';\nq = 'https://acme.auth0.com/authorize?' + qs.stringify(p);").codes).toEqual(['unresolved-config']);
    expect(run('a.js', "q = 'https://acme.auth0.com/authorize?scope=openid&' + qs.stringify({ response_type: 'id_token' });").codes).toEqual(['unresolved-config']);
  });

  it('leaves other providers and plain maps alone', () => {
    expect(run('a.js', 'q = `https://github.com/login/oauth/authorize?${qs.stringify({ response_type: "id_token", client_id })}`;')).toEqual({ output: null, codes: [] });
    expect(run('a.js', "const m = new Map();\nm.set('response_type', 'id_token');")).toEqual({ output: null, codes: [] });
  });

  it('keeps an audience that is already the Management API and adds only the scope', () => {
    expect(run('a.js', "q = `https://${d}/authorize?${qs.stringify({ response_type: 'id_token', audience: `https://${d}/api/v2/` })}`;").output).toBe(
      "q = `https://${d}/authorize?${qs.stringify({\n  scope: 'openid profile email read:current_user',\n  response_type: 'token id_token',\n  audience: `https://${d}/api/v2/`\n})}`;",
    );
  });

  it('follows url.search = params and query-string named imports', () => {
    expect(run('a.ts', "u.search = new URLSearchParams({ response_type: 'id_token' }).toString();\nconst u = new URL('https://acme.auth0.com/authorize');").output).toBe(
      "u.search = new URLSearchParams({\n  audience: 'https://acme.auth0.com/api/v2/',\n  scope: 'openid profile email read:current_user',\n  response_type: 'token id_token'\n}).toString();\nconst u = new URL('https://acme.auth0.com/authorize');",
    );
    expect(run('a.js', "import { stringify } from 'query-string';\nu = `https://acme.auth0.com/authorize?${stringify({ response_type: 'id_token' })}`;").output).toContain("response_type: 'token id_token'");
  });

  it('adds set calls for params later put into the URL, and through a searchParams alias', () => {
    expect(run('a.js', "const p = new URLSearchParams();\np.set('response_type', 'id_token');\nlocation.href = `https://${AUTH0_DOMAIN}/authorize?${p}`;").output).toBe(
      "const p = new URLSearchParams();\np.set('audience', `https://${AUTH0_DOMAIN}/api/v2/`);\np.set('scope', 'openid profile email read:current_user');\np.set('response_type', 'token id_token');\nlocation.href = `https://${AUTH0_DOMAIN}/authorize?${p}`;",
    );
    expect(run('a.ts', "const url = new URL(`https://${AUTH0_DOMAIN}/authorize`);\nconst sp = url.searchParams;\nsp.append('response_type', 'id_token');\nsp.append('scope', 'openid');").output).toBe(
      "const url = new URL(`https://${AUTH0_DOMAIN}/authorize`);\nconst sp = url.searchParams;\nsp.append('response_type', 'token id_token');\nsp.append('audience', `https://${AUTH0_DOMAIN}/api/v2/`);\nsp.append('scope', 'openid read:current_user');",
    );
  });

  it('replaces a /userinfo audience and follows a file without semicolons', () => {
    expect(run('a.js', "const url = new URL(`https://${d}/authorize`)\nurl.searchParams.set('response_type', 'id_token')\nurl.searchParams.set('audience', 'https://acme.auth0.com/userinfo')").output).toBe(
      "const url = new URL(`https://${d}/authorize`)\nurl.searchParams.set('scope', 'openid profile email read:current_user')\nurl.searchParams.set('response_type', 'token id_token')\nurl.searchParams.set('audience', `https://${d}/api/v2/`)",
    );
  });

  it('guards a new line that starts with a parenthesis in a file without semicolons', () => {
    expect(run('a.ts', "const url = new URL('https://acme.auth0.com/authorize')\n;(url as URL).searchParams.set('response_type', 'id_token')").output).toBe(
      "const url = new URL('https://acme.auth0.com/authorize')\n;(url as URL).searchParams.set('audience', 'https://acme.auth0.com/api/v2/')\n;(url as URL).searchParams.set('scope', 'openid profile email read:current_user')\n;(url as URL).searchParams.set('response_type', 'token id_token')",
    );
  });

  it('reports a set call outside a plain statement', () => {
    expect(run('a.js', "const url = new URL('https://acme.auth0.com/authorize');\nif (x) url.searchParams.set('response_type', 'id_token');").codes).toEqual(['unresolved-config']);
  });
});
