import { describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../../transforms/index';
import { transformModule } from '../../transforms/token-request';
import { runOnSource } from '../helpers/fixtures';

const SCOPES = { scopes: ['read:current_user'] };

function run(source: string, options: Record<string, unknown> = SCOPES, file = 'case.js') {
  const result = runOnSource([transformModule], file, source, options);
  if (result.output !== null) expect(runOnSource([transformModule], file, result.output, options).output).toBeNull();
  return { output: result.output, findings: result.findings.map((f) => `${f.line} ${f.code}`) };
}

describe('token-request transform', () => {
  it('keeps CRLF line endings', () => {
    const source = "axios.post('https://a.auth0.com/oauth/token', {\r\n  grant_type: 'password',\r\n  password: p,\r\n});\r\n";
    expect(run(source).output).toBe(
      "axios.post('https://a.auth0.com/oauth/token', {\r\n  grant_type: 'password',\r\n  password: p,\r\n  audience: 'https://a.auth0.com/api/v2/',\r\n  scope: 'openid profile email read:current_user',\r\n});\r\n",
    );
  });

  it('uses --audience, also for a custom domain the file gives to an Auth0 client', () => {
    const source = "new auth0.WebAuth({ domain: 'login.acme.com' });\n$.post('https://login.acme.com/oauth/token', { grant_type: 'password', scope: 'openid' });\n";
    expect(run(source).findings).toEqual(['2 custom-domain']);
    expect(run(source, { ...SCOPES, audience: 'https://acme.eu.auth0.com/api/v2/' }).output).toBe(
      "new auth0.WebAuth({ domain: 'login.acme.com' });\n$.post('https://login.acme.com/oauth/token', {\n  grant_type: 'password',\n  audience: 'https://acme.eu.auth0.com/api/v2/',\n  scope: 'openid read:current_user'\n});\n",
    );
  });

  it('never asks for any-user scopes in a password grant: Auth0 drops them from a user’s token', () => {
    const source =
      "$.post('https://a.auth0.com/oauth/token', { grant_type: 'password', scope: 'openid' }).then((r) =>\n  new auth0.Management({ domain: 'a.auth0.com', token: r.id_token }).patchUserMetadata(id, {}, cb));\n";
    const result = runOnSource(TRANSFORMS, 'case.js', source, { scopeMode: 'any-user' });
    expect(result.output).toBeNull();
    expect(result.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['2 backend-only-endpoint']);
    expect(runOnSource(TRANSFORMS, 'case.js', source, {}).output).toContain("scope: 'openid update:current_user_metadata'");
  });

  it('a client secret from import.meta.env is the browser bundle\'s only under a public prefix (VITE_, PUBLIC_)', () => {
    const request = (variable: string) =>
      `export const login = (p) => fetch('https://a.auth0.com/oauth/token', { method: 'POST', body: JSON.stringify({ grant_type: 'password', password: p, client_secret: import.meta.env.${variable}, scope: 'openid' }) });\n`;
    expect(run(request('VITE_AUTH0_SECRET'), SCOPES, 'case.ts').findings).toEqual(['1 client-secret-in-browser']);
    expect(run(request('AUTH0_SECRET'), SCOPES, 'case.ts').findings).toEqual([]);
  });

  it('edits a body shared by two requests once', () => {
    const source = "const body = { grant_type: 'password', password: p };\naxios.post('https://a.auth0.com/oauth/token', body);\n$.post('https://a.auth0.com/oauth/token', body);\n";
    expect(run(source).output).toBe(
      "const body = {\n  grant_type: 'password',\n  password: p,\n  audience: 'https://a.auth0.com/api/v2/',\n  scope: 'openid profile email read:current_user'\n};\naxios.post('https://a.auth0.com/oauth/token', body);\n$.post('https://a.auth0.com/oauth/token', body);\n",
    );
  });

  it('adds only the scope when the audience is already the Management API', () => {
    const source = "$.post('https://a.auth0.com/oauth/token', { grant_type: 'password', audience: 'https://a.auth0.com/api/v2/', client_id: 'x' });\n";
    expect(run(source).output).toBe(
      "$.post('https://a.auth0.com/oauth/token', {\n  grant_type: 'password',\n  audience: 'https://a.auth0.com/api/v2/',\n  scope: 'openid profile email read:current_user',\n  client_id: 'x'\n});\n",
    );
  });

  it('leaves bodies with spreads alone, with a finding', () => {
    const source = "$.post('https://a.auth0.com/oauth/token', { ...defaults, grant_type: 'password' });\n";
    expect(run(source)).toEqual({ output: null, findings: ['1 unresolved-config'] });
  });

  it('declares the new keys in a `satisfies` type', () => {
    const source =
      "type Body = { grant_type: string; password: string };\nconst body = { grant_type: 'password', password: 'p' } satisfies Body;\nfetch('https://a.auth0.com/oauth/token', { body: JSON.stringify(body) });\n";
    expect(run(source, SCOPES, 'case.ts').output).toBe(
      "type Body = { grant_type: string; password: string; audience?: string; scope?: string };\nconst body = {\n  grant_type: 'password',\n  password: 'p',\n  audience: 'https://a.auth0.com/api/v2/',\n  scope: 'openid profile email read:current_user'\n} satisfies Body;\nfetch('https://a.auth0.com/oauth/token', { body: JSON.stringify(body) });\n",
    );
  });

  it('reads an encoded password-realm grant in a string body', () => {
    const source =
      "fetch('https://a.auth0.com/oauth/token', { body: 'grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpassword-realm&realm=db&username=u' });\n";
    expect(run(source).output).toBe(
      "fetch('https://a.auth0.com/oauth/token', { body: 'grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpassword-realm&realm=db&audience=https%3A%2F%2Fa.auth0.com%2Fapi%2Fv2%2F&scope=openid%20profile%20email%20read%3Acurrent_user&username=u' });\n",
    );
  });

  it('reports renewIdToken and leaves a TODO comment when asked', () => {
    const source = 'function renew() {\n  auth.renewIdToken(idToken, cb);\n}\n';
    const result = run(source, { ...SCOPES, todoComments: true });
    expect(result.findings).toEqual(['2 legacy-endpoint']);
    expect(result.output).toMatch(/^function renew\(\) \{\n {2}\/\/ TODO\(auth0-mgmt-codemod\): legacy-endpoint: renewIdToken exchanges/);
  });

  it('keeps per-call scopes a superset of what the client asked for (pitfall 3)', () => {
    const source =
      "const web = new auth0.WebAuth({ domain: 'a.auth0.com', scope: 'openid offline_access', audience: 'https://a.auth0.com/userinfo' });\nweb.client.login({ realm: 'db', username: u, password: p }, cb);\n";
    expect(run(source).output).toBe(
      "const web = new auth0.WebAuth({ domain: 'a.auth0.com', scope: 'openid offline_access', audience: 'https://a.auth0.com/userinfo' });\nweb.client.login({\n  realm: 'db',\n  username: u,\n  password: p,\n  audience: 'https://a.auth0.com/api/v2/',\n  scope: 'openid offline_access read:current_user'\n}, cb);\n",
    );
  });

  it('asks before treating a run-time host as the Auth0 tenant in a file that never mentions Auth0', () => {
    const source = "axios.post(`${API_URL}/oauth/token`, { grant_type: 'password', password: p });\n";
    expect(run(source)).toEqual({ output: null, findings: ['1 unresolved-config'] });
    expect(run(source, { ...SCOPES, audience: 'https://a.auth0.com/api/v2/' }).output).toContain("audience: 'https://a.auth0.com/api/v2/'");
    expect(run(`// Auth0 tenant\n${source}`).output).toContain('audience: `${API_URL}/api/v2/`');
  });

  it('changes nothing when no scope is needed', () => {
    const source = "$.post('https://a.auth0.com/oauth/ro', { grant_type: 'password' });\n";
    expect(run(source, {})).toEqual({ output: null, findings: [] });
  });
});
