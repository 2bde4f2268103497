import { describe, expect, it } from 'vitest';
import { transformModule } from '../../transforms/management-token';
import type { PackageFacts } from '../../src/types';
import { runOnSource } from '../helpers/fixtures';
import { accessGetterName } from '../../src/analysis/token-twins';

/**
 * Runs the transform alone; returns the new text (or the input when unchanged) and the findings as
 * `code@line`. These cases show only the Management API side of a flow: `--scopes` says, as a
 * user of stock jscodeshift would, that the package's login is migrated too. A stored token is
 * still stored in the case itself: `--scopes` vouches for a login, not for a write it cannot see.
 */
function run(source: string, file = 'case.js', options: Record<string, unknown> = { scopes: 'read:current_user' }, packageFacts?: PackageFacts) {
  const result = runOnSource([transformModule], file, source, options, packageFacts);
  return { output: result.output ?? source, changed: result.output !== null, findings: result.findings.map((f) => `${f.code}@${f.line}`) };
}

describe('management-token: token tracing', () => {
  it('keeps a local at its use only while the names its initialiser reads mean the same there', () => {
    const source = `class Auth {
  handle(r) { this.authResult = r; }
  same() { const t = this.authResult.idToken; return new auth0.Management({ domain: d, token: t }); }
  later() {
    const t = this.authResult.idToken;
    setTimeout(function () { new auth0.Management({ domain: d, token: t }); });
  }
}`;
    const { output, findings } = run(source);
    expect(output).toContain('same() { const t = this.authResult.idToken; return new auth0.Management({ domain: d, token: this.authResult.accessToken }); }');
    expect(output).toContain('setTimeout(function () { new auth0.Management({ domain: d, token: t }); });');
    expect(findings).toEqual(['untraceable-token@6']);
  });

  it('parenthesises an initialiser written into a tighter expression', () => {
    const source = `function f(a, id) {
  const t = a && a.idToken;
  return fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + t } });
}`;
    expect(run(source).output).toContain(`Authorization: 'Bearer ' + (a && a.accessToken)`);
  });

  it('follows a constant storage key, a renamed destructuring and a conditional', () => {
    const source = `const ID_KEY = "id_token";
function save(r) { localStorage.setItem(ID_KEY, r.idToken); }
function a() { return new auth0.Management({ domain: d, token: localStorage.getItem(ID_KEY) }); }
function b(tokens) { const { id_token: raw } = tokens; return new ManagementClient({ domain: d, token: raw }); }
function c(r, fresh) { return new auth0.Management({ domain: d, token: fresh ? r.idToken : localStorage.getItem('id_token') }); }
const { ManagementClient } = require('auth0');`;
    const { output, findings } = run(source);
    expect(findings).toEqual([]);
    expect(output).toContain('token: localStorage.getItem("access_token")');
    expect(output).toContain('token: tokens.access_token');
    expect(output).toContain(`token: fresh ? r.accessToken : localStorage.getItem('access_token')`);
  });

  it('leaves no-token values alone and reports tokens that mix ID and access tokens', () => {
    const source = `new auth0.Management({ domain: d, token: null });
new auth0.Management({ domain: d, token: r.accessToken || '' });
new auth0.Management({ domain: d, token: r.idToken || localStorage.getItem('access_token') });`;
    const { changed, findings } = run(source);
    expect(changed).toBe(false);
    expect(findings).toEqual(['untraceable-token@3']);
  });

  it('counts tokens from auth0-spa-js / auth0-react token methods as access tokens', () => {
    const source = `async function load(id) {
  const token = await auth0Client.getTokenSilently({ audience: 'https://acme.auth0.com/api/v2/' });
  return fetch(\`https://acme.auth0.com/api/v2/users/\${id}\`, { headers: { Authorization: \`Bearer \${token}\` } });
}`;
    const { changed, findings } = run(source);
    expect(changed).toBe(false);
    expect(findings).toEqual([]);
  });

  it('follows this.method() into a method of the class that returns an access token', () => {
    const source = `class Api {
  save(r) { this.token = r.accessToken; }
  mgmtToken() { return this.token; }
  load(id) { return new auth0.Management({ domain: d, token: this.mgmtToken() }).getUser(id, cb); }
}`;
    const { changed, findings } = run(source);
    expect(changed).toBe(false);
    expect(findings).toEqual([]);
  });

  it('names the access-token twin of an ID-token getter after it', () => {
    const names = ['getToken', 'getIdToken', 'getIDToken', 'idToken', 'get_id_token', 'id_token', 'token', 'getUserToken', 'getJwt', 'getAccessToken'];
    expect(names.map(accessGetterName)).toEqual([
      'getAccessToken',
      'getAccessToken',
      'getAccessToken',
      'accessToken',
      'get_access_token',
      'access_token',
      'accessToken',
      'getUserAccessToken',
      undefined,
      undefined,
    ]);
  });

  it('keeps the quote style of the seed placeholder', () => {
    expect(run(`new auth0.Management({ domain: "{yourDomain}", token: "{yourIdToken}" });`).output).toBe(
      `new auth0.Management({ domain: "{yourDomain}", token: "{yourMgmtApiAccessToken}" });`,
    );
  });

  it('reports a storage key that holds both kinds of token', () => {
    const source = `function save(r) { localStorage.setItem('token', r.idToken); localStorage.setItem('token', r.accessToken); }
new auth0.Management({ domain: d, token: localStorage.getItem('token') });`;
    expect(run(source).findings).toEqual(['untraceable-token@2']);
  });
});

describe('management-token: fields set in the file', () => {
  it('adds a getter twin beside an ID-token getter', () => {
    const source = `class Session {
  save(r) { localStorage.setItem('id_token', r.idToken); }
  get idToken() { return localStorage.getItem('id_token'); }
  mgmt() { return new auth0.Management({ domain: d, token: this.idToken }); }
}`;
    expect(run(source).output).toBe(`class Session {
  save(r) { localStorage.setItem('id_token', r.idToken); localStorage.setItem('access_token', r.accessToken); }
  get idToken() { return localStorage.getItem('id_token'); }
  get accessToken() { return localStorage.getItem('access_token'); }
  mgmt() { return new auth0.Management({ domain: d, token: this.accessToken }); }
}`);
  });

  it('uses an existing access-token twin without adding one', () => {
    const source = `class Session {
  set(r) {
    this.idToken = r.idToken;
    this.accessToken = r.accessToken;
  }
  mgmt() { return new auth0.Management({ domain: d, token: this.idToken }); }
}`;
    expect(run(source).output).toBe(source.replace('token: this.idToken', 'token: this.accessToken'));
  });

  it('follows an alias of this (var vm = this) like this', () => {
    const source = `function ProfileController(authService) {
  var vm = this;
  vm.idToken = authService.result.idToken;
  vm.load = function (id) { new auth0.Management({ domain: d, token: vm.idToken }).getUser(id, show); };
}`;
    expect(run(source).output).toBe(`function ProfileController(authService) {
  var vm = this;
  vm.idToken = authService.result.idToken;
  vm.accessToken = authService.result.accessToken;
  vm.load = function (id) { new auth0.Management({ domain: d, token: vm.accessToken }).getUser(id, show); };
}`);
  });

  it('treats an alias of this and this as one object', () => {
    const source = `function Auth() {
  var self = this;
  this.idToken = null;
  webAuth.parseHash(function (err, r) { self.idToken = r.idToken; });
  this.mgmt = function () { return new auth0.Management({ domain: d, token: self.idToken }); };
}`;
    expect(run(source).output).toBe(`function Auth() {
  var self = this;
  this.idToken = null;
  this.accessToken = null;
  webAuth.parseHash(function (err, r) { self.idToken = r.idToken; self.accessToken = r.accessToken; });
  this.mgmt = function () { return new auth0.Management({ domain: d, token: self.accessToken }); };
}`);
  });

  it('keeps a trailing comment with its line and supplies a semicolon on a shared line', () => {
    const source = `class S {
  set(r) {
    this.idToken = r.idToken // from the login
  }
  clear() { this.idToken = null }
  m() { return new auth0.Management({ domain: d, token: this.idToken }); }
}`;
    expect(run(source).output).toBe(`class S {
  set(r) {
    this.idToken = r.idToken // from the login
    this.accessToken = r.accessToken
  }
  clear() { this.idToken = null; this.accessToken = null; }
  m() { return new auth0.Management({ domain: d, token: this.accessToken }); }
}`);
  });

  it('reports fields set from outside: decorated inputs, injected services, never-set fields', () => {
    const source = `class ProfileComponent {
  @Input() idToken: string;
  constructor(private auth: AuthService) {}
  a() { return new auth0.Management({ domain: d, token: this.idToken }); }
  b() { return new auth0.Management({ domain: d, token: this.auth.idToken }); }
}
class Other {
  c() { return new auth0.Management({ domain: d, token: this.idToken }); }
}`;
    const { changed, findings } = run(source, 'case.ts');
    expect(changed).toBe(false);
    expect(findings).toEqual(['untraceable-token@4', 'untraceable-token@5', 'untraceable-token@8']);
  });

  it('does not add a twin where a line cannot be added (a braceless if)', () => {
    const source = `class S {
  set(r) { if (r) this.idToken = r.idToken; }
  m() { return new auth0.Management({ domain: d, token: this.idToken }); }
}`;
    const { changed, findings } = run(source);
    expect(changed).toBe(false);
    expect(findings).toEqual(['untraceable-token@3']);
  });
});

describe('management-token: raw requests', () => {
  it('finds the header through jQuery beforeSend, new Headers and an options variable', () => {
    const source = `lock.on('authenticated', function (r) { localStorage.setItem('id_token', r.idToken); });
$.ajax({
  url: 'https://acme.auth0.com/api/v2/users/' + id,
  beforeSend: function (xhr) { xhr.setRequestHeader('Authorization', 'Bearer ' + localStorage.getItem('id_token')); }
});
function patch(r, id) {
  const options = { method: 'PATCH', headers: new Headers({ Authorization: \`Bearer \${r.idToken}\` }) };
  return fetch('https://acme.auth0.com/api/v2/users/' + id, options);
}`;
    const { output, findings } = run(source);
    expect(findings).toEqual([]);
    expect(output).toContain(`xhr.setRequestHeader('Authorization', 'Bearer ' + localStorage.getItem('access_token'))`);
    expect(output).toContain('Authorization: `Bearer ${r.accessToken}`');
  });

  it('reports a Management API request whose Authorization header it cannot see or read', () => {
    const source = `$http.get('https://acme.auth0.com/api/v2/users/' + id);
fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: authHeader } });
fetch('https://acme.auth0.com/api/v2/clients', { headers: { Authorization: authHeader } });`;
    expect(run(source).findings).toEqual(['untraceable-token@1', 'untraceable-token@2']);
  });

  it('does not report linking by user_id when the run asks for any-user scopes', () => {
    const source = `fetch('https://acme.auth0.com/api/v2/users/' + id + '/identities', {
  method: 'POST',
  headers: { Authorization: 'Bearer ' + r.accessToken },
  body: JSON.stringify({ provider: 'google-oauth2', user_id: other })
});`;
    expect(run(source).findings).toEqual(['link-with-user-id@4']);
    expect(run(source, 'case.js', { scopeMode: 'any-user' }).findings).toEqual([]);
  });
});

describe('management-token: storage twins', () => {
  const facts = (storage: Partial<PackageFacts['storage']>): PackageFacts => ({
    path: '.',
    endpoints: ['GET /api/v2/users/{id}'],
    scopes: ['read:current_user'],
    storage: { idTokenKeys: ['id_token'], accessTokenKeys: [], managementTokenKeys: ['id_token'], ...storage },
    versions: {},
  });

  it('removes the access token where the package removes the ID token the Management API reads', () => {
    const source = `function logout() {\n  sessionStorage.removeItem("id_token");\n}\n`;
    const { output } = run(source, 'logout.js', {}, facts({}));
    expect(output).toBe(`function logout() {\n  sessionStorage.removeItem("id_token");\n  sessionStorage.removeItem("access_token");\n}\n`);
    expect(run(output, 'logout.js', {}, facts({})).changed).toBe(false);
  });

  it('adds nothing when the package already stores an access token', () => {
    const source = `webAuth.parseHash((e, r) => { localStorage.setItem('id_token', r.idToken); });\n`;
    expect(run(source, 'auth.js', {}, facts({ accessTokenKeys: ['at'] })).changed).toBe(false);
  });

  it('mirrors the assignment form of a storage write', () => {
    const source = `function save(r) {\n  localStorage.id_token = r.idToken;\n  localStorage['id_token'] = r.idToken;\n}\n`;
    expect(run(source, 'auth.js', {}, facts({})).output).toBe(
      `function save(r) {\n  localStorage.id_token = r.idToken;\n  localStorage.access_token = r.accessToken;\n  localStorage['id_token'] = r.idToken;\n  localStorage['access_token'] = r.accessToken;\n}\n`,
    );
  });

  it('reports a stored ID token the Management API reads when it cannot store the access token beside it', () => {
    const source = `function save(token) {\n  localStorage.setItem('id_token', token);\n}\n`;
    const { changed, findings } = run(source, 'auth.js', {}, facts({}));
    expect(changed).toBe(false);
    expect(findings).toEqual(['untraceable-token@2']);
  });
});
