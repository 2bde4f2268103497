// @ts-check
'use strict';

/**
 * The "all relevant" corpus: legacy Auth0 client code in the shapes the codemod migrates, spread
 * over a few packages. Every file is a candidate (it passes the text pre-filter) and every
 * package calls the Management API, so the codemod has real work on every file and no package is
 * skipped as login-only.
 *
 * Generated from templates with a seeded generator, so the corpus is identical on every run;
 * identifiers, domains, scopes and call styles vary so the files are not byte-identical copies
 * (which would flatter any cache).
 */

const fs = require('node:fs');
const path = require('node:path');
const { createRandom } = require('./random');

const PACKAGE_NAMES = ['web-app', 'admin-portal', 'account-center', 'support-console'];

const TENANTS = ['acme-prod', 'globex', 'initech-eu', 'umbrella-corp', 'hooli', 'piedpiper', 'stark-ind', 'wayne-ent'];
const REGIONS = ['', '', '.eu', '.au', '.us'];

const NOUNS = [
  'profile', 'account', 'session', 'member', 'customer', 'settings', 'billing', 'team',
  'dashboard', 'preferences', 'identity', 'workspace', 'project', 'invoice', 'device', 'contact',
];
const VERBS = ['load', 'fetch', 'refresh', 'show', 'render', 'sync', 'read', 'update', 'save', 'open'];

/**
 * Relative shares of the shapes. Vue files are counted apart in the results because stock
 * jscodeshift cannot read them.
 */
const SHAPES = [
  ['webauth-management', 26],
  ['lock', 12],
  ['authorize-url', 14],
  ['token-request', 14],
  ['vue', 15],
  ['ts-service', 19],
];

/** @param {string} word */
function cap(word) {
  return word[0].toUpperCase() + word.slice(1);
}

/**
 * @typedef {ReturnType<typeof createRandom>} Random
 * @typedef {{ domain: string, tenant: string, clientId: string, pkg: string }} PackageContext
 * @typedef {{ relPath: string, text: string, shape: string }} GeneratedFile
 */

let fillerSerial = 0;

/**
 * Plain helper code around the Auth0 calls, so files have the size and texture of real modules
 * (parsing cost grows with size; a corpus of 15-line files would understate it).
 * @param {Random} r
 * @param {number} count
 * @param {boolean} typed emit TypeScript annotations
 */
function fillerFunctions(r, count, typed) {
  const t = (/** @type {string} */ annotation) => (typed ? annotation : '');
  /** @type {((n: string) => string)[]} */
  const templates = [
    (n) => `function format${n}Date(value${t(': string | number')})${t(': string')} {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}
`,
    (n) => `function debounce${n}(fn${t(': (...args: unknown[]) => void')}, wait${t(': number')})${t(': (...args: unknown[]) => void')} {
  let timer${t(': ReturnType<typeof setTimeout> | undefined')};
  return function (...args${t(': unknown[]')}) {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
`,
    (n) => `function set${n}Status(elementId${t(': string')}, text${t(': string')}, isError${t('?: boolean')})${t(': void')} {
  const element = document.getElementById(elementId);
  if (!element) {
    return;
  }
  element.textContent = text;
  element.classList.toggle('is-error', Boolean(isError));
}
`,
    (n) => `function describe${n}Error(err${t(': { statusCode?: number; code?: string; description?: string; error?: string }')})${t(': string')} {
  const status = err.statusCode || err.code || err.error;
  return 'Error ' + status + ': ' + (err.description || err.error || 'unknown');
}
`,
    (n) => `function group${n}By${t('<T>')}(items${t(': T[]')}, key${t(': (item: T) => string')})${t(': Record<string, T[]>')} {
  const groups${t(': Record<string, T[]>')} = {};
  for (const item of items) {
    const k = key(item);
    (groups[k] = groups[k] || []).push(item);
  }
  return groups;
}
`,
    (n) => `function ${n.toLowerCase()}QueryParam(name${t(': string')})${t(': string | null')} {
  const match = new RegExp('[?&]' + name + '=([^&#]*)').exec(window.location.search);
  return match ? decodeURIComponent(match[1].replace(/\\+/g, ' ')) : null;
}
`,
    (n) => `const ${n.toUpperCase()}_LABELS${t(': Record<string, string>')} = {
  email: 'E-mail address',
  nickname: 'Display name',
  given_name: 'First name',
  family_name: 'Last name',
  picture: 'Avatar',
};
`,
    (n) => `function retry${n}${t('<T>')}(task${t(': () => Promise<T>')}, attempts${t(': number')})${t(': Promise<T>')} {
  return task().catch((err${t(': unknown')}) => {
    if (attempts <= 1) {
      throw err;
    }
    return new Promise((resolve) => setTimeout(resolve, 250)).then(() => retry${n}(task, attempts - 1));
  });
}
`,
  ];
  const out = [];
  // The running number keeps helper names unique within a file (a repeated top-level
  // declaration is a syntax error in a module).
  for (let i = 0; i < count; i++) out.push(r.pick(templates)(cap(r.pick(NOUNS)) + ++fillerSerial));
  return out.join('\n');
}

/**
 * @param {Random} r
 * @returns {string}
 */
function scopeValue(r) {
  return r.pick(['openid', 'openid profile', 'openid profile email', 'openid email']);
}

/**
 * `new auth0.WebAuth` + `new auth0.Management` with the ID token kept in Web Storage: the
 * documented legacy shape and the most common one in the wild.
 * @param {Random} r
 * @param {PackageContext} ctx
 */
function webauthManagement(r, ctx) {
  const style = r.pick(['esm', 'cjs', 'global']);
  const storage = r.pick(['localStorage', 'sessionStorage']);
  const noun = r.pick(NOUNS);
  const wa = r.pick(['webAuth', 'auth0Client', `${noun}Auth`, 'auth']);
  const decl = style === 'global' ? 'var' : 'const';
  const userKey = r.pick(['user_id', 'sub', `${noun}_user`]);
  const methods = r.shuffle(['getUser', 'patchUserMetadata', 'patchUserAttributes', 'linkUser']).slice(0, r.int(1, 3));
  const withScope = r.chance(0.75);
  const tokenFromResult = r.chance(0.3);
  const lines = [];
  if (style === 'esm') lines.push(`import auth0 from 'auth0-js';`, '');
  if (style === 'cjs') lines.push(`'use strict';`, '', `const auth0 = require('auth0-js');`, '');
  lines.push(`${decl} ${wa} = new auth0.WebAuth({
  domain: '${ctx.domain}',
  clientID: '${ctx.clientId}',
  redirectUri: window.location.origin + '/${r.pick(['callback', 'auth/callback', 'login/callback'])}',
  responseType: 'id_token',${withScope ? `\n  scope: '${scopeValue(r)}',` : ''}
});
`);
  lines.push(fillerFunctions(r, r.int(1, 3), false));
  lines.push(`function getManagement() {
  return new auth0.Management({
    domain: '${ctx.domain}',
    token: ${storage}.getItem('id_token'),
  });
}
`);
  lines.push(`function login() {
  ${wa}.authorize();
}

function handleAuthentication(done) {
  ${wa}.parseHash(function (err, authResult) {
    if (err) {
      return done(err);
    }
    if (authResult && authResult.idToken) {
      ${storage}.setItem('id_token', authResult.idToken);
      ${storage}.setItem('${userKey}', authResult.idTokenPayload.sub);${
        tokenFromResult
          ? `
      new auth0.Management({ domain: '${ctx.domain}', token: authResult.idToken })
        .getUser(authResult.idTokenPayload.sub, done);
      return;`
          : ''
      }
    }
    done(null);
  });
}
`);
  for (const method of methods) {
    const fn = `${r.pick(VERBS)}${cap(noun)}${cap(method)}`;
    if (method === 'getUser') {
      lines.push(`function ${fn}(cb) {
  getManagement().getUser(${storage}.getItem('${userKey}'), cb);
}
`);
    } else if (method === 'linkUser') {
      lines.push(`function ${fn}(secondaryIdToken, cb) {
  // The secondary account's ID token proves the user controls it.
  getManagement().linkUser(${storage}.getItem('${userKey}'), secondaryIdToken, cb);
}
`);
    } else {
      lines.push(`function ${fn}(changes, cb) {
  getManagement().${method}(${storage}.getItem('${userKey}'), changes, cb);
}
`);
    }
  }
  lines.push(fillerFunctions(r, r.int(1, 3), false));
  if (style === 'esm') lines.push(`export { login, handleAuthentication, getManagement };`);
  if (style === 'cjs') lines.push(`module.exports = { login, handleAuthentication, getManagement };`);
  return lines.join('\n') + '\n';
}

/**
 * Auth0 Lock with the scope where Lock reads it (`auth.params.scope`), or with none.
 * @param {Random} r
 * @param {PackageContext} ctx
 */
function lockConfig(r, ctx) {
  const esm = r.chance(0.6);
  const lockVar = r.pick(['lock', 'authLock', 'loginLock']);
  const withParams = r.chance(0.7);
  const storage = r.pick(['localStorage', 'sessionStorage']);
  const color = '#' + r.int(0, 0xffffff).toString(16).padStart(6, '0');
  const lines = [];
  if (esm) lines.push(`import Auth0Lock from 'auth0-lock';`, '');
  lines.push(`const LOCK_TEXT = {
  languageDictionary: { title: '${cap(r.pick(NOUNS))} sign-in' },
  allowSignUp: ${r.chance(0.5)},
};
`);
  lines.push(`${esm ? 'export ' : ''}const ${lockVar} = new Auth0Lock('${ctx.clientId}', '${ctx.domain}', {
  auth: {
    redirectUrl: window.location.origin + '/${r.pick(['callback', 'signed-in'])}',
    responseType: 'id_token',${withParams ? `\n    params: { scope: '${scopeValue(r)}' },` : ''}
  },
  theme: { primaryColor: '${color}' },
  closable: ${r.chance(0.5)},
});
`);
  lines.push(fillerFunctions(r, r.int(1, 3), false));
  lines.push(`${lockVar}.on('authenticated', function (authResult) {
  ${storage}.setItem('id_token', authResult.idToken);
  ${storage}.setItem('user_id', authResult.idTokenPayload.sub);
  ${lockVar}.hide();
});

${lockVar}.on('authorization_error', function (error) {
  console.warn('Login failed', error);
});

${esm ? 'export ' : ''}function showLogin() {
  ${lockVar}.show(LOCK_TEXT);
}
`);
  lines.push(fillerFunctions(r, r.int(0, 2), false));
  return lines.join('\n') + '\n';
}

/**
 * Hand-built `/authorize` URLs: concatenation, template literal, or a URLSearchParams object.
 * @param {Random} r
 * @param {PackageContext} ctx
 */
function authorizeUrl(r, ctx) {
  const style = r.pick(['concat', 'template', 'params']);
  const fn = r.pick(['buildLoginUrl', 'authorizeUrl', 'loginHref', 'signInLink']);
  const scope = scopeValue(r);
  const lines = [];
  lines.push(`const AUTH0_DOMAIN = '${ctx.domain}';
const CLIENT_ID = '${ctx.clientId}';
`);
  if (style === 'concat') {
    lines.push(`export function ${fn}(state, nonce) {
  return 'https://' + AUTH0_DOMAIN + '/authorize?' +
    'response_type=id_token' +
    '&client_id=' + CLIENT_ID +
    '&redirect_uri=' + encodeURIComponent(window.location.origin + '/callback') +
    '&scope=${scope.replace(/ /g, '%20')}' +
    '&state=' + state +
    '&nonce=' + nonce;
}
`);
  } else if (style === 'template') {
    lines.push(`export function ${fn}(state, nonce) {
  const redirect = encodeURIComponent(window.location.origin + '/callback');
  return \`https://${ctx.domain}/authorize?response_type=id_token&client_id=\${CLIENT_ID}&scope=${scope.replace(/ /g, '%20')}&redirect_uri=\${redirect}&state=\${state}&nonce=\${nonce}\`;
}
`);
  } else {
    lines.push(`export function ${fn}(state, nonce) {
  const params = new URLSearchParams({
    response_type: 'id_token',
    client_id: CLIENT_ID,
    redirect_uri: window.location.origin + '/callback',
    scope: '${scope}',
    state,
    nonce,
  });
  return 'https://' + AUTH0_DOMAIN + '/authorize?' + params.toString();
}
`);
  }
  lines.push(fillerFunctions(r, r.int(1, 3), false));
  lines.push(`export function redirectToLogin() {
  const state = Math.random().toString(36).slice(2);
  const nonce = Math.random().toString(36).slice(2);
  sessionStorage.setItem('auth_state', state);
  window.location.assign(${fn}(state, nonce));
}
`);
  return lines.join('\n') + '\n';
}

/**
 * Resource-owner password grants posted to `/oauth/token`, some followed by a raw Management API
 * call that sends the ID token as the Bearer.
 * @param {Random} r
 * @param {PackageContext} ctx
 */
function tokenRequest(r, ctx) {
  const realm = r.chance(0.4);
  const client = r.pick(['fetch', 'axios']);
  const withScope = r.chance(0.6);
  const withApiCall = r.chance(0.5);
  const fn = r.pick(['signIn', 'passwordLogin', 'loginWithPassword', 'authenticate']);
  const grant = realm
    ? `grant_type: 'http://auth0.com/oauth/grant-type/password-realm',\n      realm: 'Username-Password-Authentication',`
    : `grant_type: 'password',`;
  const body = `{
      ${grant}
      username,
      password,
      client_id: '${ctx.clientId}',${withScope ? `\n      scope: '${scopeValue(r)}',` : ''}
    }`;
  const lines = [];
  if (client === 'axios') lines.push(`import axios from 'axios';`, '');
  lines.push(`const TOKEN_URL = 'https://${ctx.domain}/oauth/token';
`);
  if (client === 'fetch') {
    lines.push(`export async function ${fn}(username, password) {
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(${body}),
  });
  const tokens = await response.json();
  if (!response.ok) {
    throw new Error(tokens.error_description || tokens.error);
  }
  sessionStorage.setItem('id_token', tokens.id_token);
  return tokens;
}
`);
  } else {
    lines.push(`export async function ${fn}(username, password) {
  const { data: tokens } = await axios.post(TOKEN_URL, ${body});
  sessionStorage.setItem('id_token', tokens.id_token);
  return tokens;
}
`);
  }
  lines.push(fillerFunctions(r, r.int(1, 3), false));
  if (withApiCall) {
    lines.push(`export async function ${r.pick(VERBS)}${cap(r.pick(NOUNS))}(userId) {
  const response = await fetch('https://${ctx.domain}/api/v2/users/' + encodeURIComponent(userId), {
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem('id_token') },
  });
  return response.json();
}
`);
  }
  return lines.join('\n') + '\n';
}

/**
 * A Vue single-file component whose `<script>` (plain or `setup lang="ts"`) logs in and reads
 * the profile through the Management API.
 * @param {Random} r
 * @param {PackageContext} ctx
 */
function vueComponent(r, ctx) {
  const setupTs = r.chance(0.4);
  const noun = r.pick(NOUNS);
  const name = `${cap(noun)}${r.pick(['Panel', 'Card', 'View', 'Page', 'Widget'])}`;
  const template = `<template>
  <div class="${noun}-panel">
    <button type="button" @click="login">Log in</button>
    <button type="button" :disabled="loading" @click="load">Load ${noun}</button>
    <dl v-if="profile">
      <dt>Email</dt>
      <dd>{{ profile.email }}</dd>
      <dt>Name</dt>
      <dd>{{ profile.name }}</dd>
    </dl>
    <p v-else-if="error" class="error">{{ error }}</p>
  </div>
</template>
`;
  const style = `<style scoped>
.${noun}-panel { display: grid; gap: ${r.int(4, 16)}px; }
.error { color: #b00020; }
</style>
`;
  const webAuth = `new auth0.WebAuth({
  domain: '${ctx.domain}',
  clientID: '${ctx.clientId}',
  responseType: 'id_token',
  scope: '${scopeValue(r)}',
  redirectUri: window.location.origin,
})`;
  if (setupTs) {
    return `${template}
<script setup lang="ts">
import auth0 from 'auth0-js';
import { ref } from 'vue';

interface Profile {
  email: string;
  name: string;
}

const profile = ref<Profile | null>(null);
const error = ref<string | null>(null);
const loading = ref(false);

const webAuth = ${webAuth};

${fillerFunctions(r, r.int(1, 2), true)}
function login(): void {
  webAuth.authorize();
}

function load(): void {
  loading.value = true;
  const management = new auth0.Management({
    domain: '${ctx.domain}',
    token: localStorage.getItem('id_token') ?? '',
  });
  management.getUser(localStorage.getItem('user_id') ?? '', (err, user) => {
    loading.value = false;
    if (err) {
      error.value = err.description ?? 'Could not load the profile';
      return;
    }
    profile.value = user as unknown as Profile;
  });
}
</script>

${style}`;
  }
  return `${template}
<script>
import auth0 from 'auth0-js';

const webAuth = ${webAuth};

${fillerFunctions(r, r.int(1, 2), false)}
export default {
  name: '${name}',
  data() {
    return { profile: null, error: null, loading: false };
  },
  methods: {
    login() {
      webAuth.authorize();
    },
    load() {
      this.loading = true;
      const management = new auth0.Management({
        domain: '${ctx.domain}',
        token: localStorage.getItem('id_token'),
      });
      management.${r.pick(['getUser', 'getUser', 'patchUserMetadata'])}(localStorage.getItem('user_id'), (err, user) => {
        this.loading = false;
        if (err) {
          this.error = err.description;
          return;
        }
        this.profile = user;
      });
    },
  },
};
</script>

${style}`;
}

/**
 * A TypeScript service class: WebAuth in the constructor, the ID token in a field, and either
 * auth0.js Management or raw `/api/v2` fetches with that token as the Bearer.
 * @param {Random} r
 * @param {PackageContext} ctx
 */
function tsService(r, ctx) {
  const noun = r.pick(NOUNS);
  const cls = `${cap(noun)}${r.pick(['Service', 'Client', 'Gateway', 'Store'])}`;
  const raw = r.chance(0.5);
  const domainExpr = r.chance(0.3);
  const domainField = domainExpr ? `private readonly domain: string = process.env.AUTH0_DOMAIN || '${ctx.domain}'` : '';
  const domainValue = domainExpr ? 'this.domain' : `'${ctx.domain}'`;
  const lines = [];
  lines.push(`import auth0, { Auth0DecodedHash, Auth0Error, WebAuth } from 'auth0-js';

export interface ${cap(noun)}Profile {
  user_id: string;
  email: string;
  user_metadata?: Record<string, unknown>;
}
`);
  lines.push(fillerFunctions(r, r.int(1, 2), true));
  lines.push(`export class ${cls} {
  private readonly webAuth: WebAuth;
  private idToken: string | null = null;
  private userId: string | null = null;
${domainField ? `  ${domainField};\n` : ''}
  constructor() {
    this.webAuth = new auth0.WebAuth({
      domain: ${domainValue},
      clientID: '${ctx.clientId}',
      responseType: 'id_token',
      scope: '${scopeValue(r)}',
      redirectUri: \`\${window.location.origin}/callback\`,
    });
  }

  login(): void {
    this.webAuth.authorize();
  }

  handleCallback(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.webAuth.parseHash((err: Auth0Error | null, result: Auth0DecodedHash | null) => {
        if (err) {
          reject(err);
          return;
        }
        if (result && result.idToken && result.idTokenPayload) {
          this.idToken = result.idToken;
          this.userId = result.idTokenPayload.sub;
        }
        resolve();
      });
    });
  }
`);
  if (raw) {
    lines.push(`  async get${cap(noun)}(): Promise<${cap(noun)}Profile> {
    const response = await fetch(\`https://${ctx.domain}/api/v2/users/\${encodeURIComponent(this.userId ?? '')}\`, {
      headers: { Authorization: \`Bearer \${this.idToken}\` },
    });
    if (!response.ok) {
      throw new Error(\`Management API answered \${response.status}\`);
    }
    return (await response.json()) as ${cap(noun)}Profile;
  }

  async update${cap(noun)}Metadata(metadata: Record<string, unknown>): Promise<void> {
    await fetch(\`https://${ctx.domain}/api/v2/users/\${encodeURIComponent(this.userId ?? '')}\`, {
      method: 'PATCH',
      headers: { Authorization: \`Bearer \${this.idToken}\`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_metadata: metadata }),
    });
  }
}
`);
  } else {
    lines.push(`  get${cap(noun)}(): Promise<${cap(noun)}Profile> {
    const management = new auth0.Management({ domain: '${ctx.domain}', token: this.idToken ?? '' });
    return new Promise((resolve, reject) => {
      management.getUser(this.userId ?? '', (err: Auth0Error | null, user: unknown) => {
        if (err) {
          reject(err);
          return;
        }
        resolve(user as ${cap(noun)}Profile);
      });
    });
  }
}
`);
  }
  return lines.join('\n') + '\n';
}

/** @type {Record<string, { ext: string, dir: string, make: (r: Random, ctx: PackageContext) => string }>} */
const SHAPE_IMPL = {
  'webauth-management': { ext: '.js', dir: 'auth', make: webauthManagement },
  lock: { ext: '.js', dir: 'login', make: lockConfig },
  'authorize-url': { ext: '.js', dir: 'urls', make: authorizeUrl },
  'token-request': { ext: '.js', dir: 'api', make: tokenRequest },
  vue: { ext: '.vue', dir: 'components', make: vueComponent },
  'ts-service': { ext: '.ts', dir: 'services', make: tsService },
};

/**
 * Writes `count` files into `root/packages/<name>/…`, each package with its package.json.
 * @param {string} root
 * @param {number} count
 * @param {number} [seed]
 * @returns {{ files: { path: string, shape: string }[], packages: string[], byShape: Record<string, number> }}
 */
function generateLegacyCorpus(root, count, seed = 20180301) {
  const r = createRandom(seed);
  fillerSerial = 0;
  const totalWeight = SHAPES.reduce((sum, [, w]) => sum + Number(w), 0);
  // Exact shares (not independent draws) so every run and every size has the same mix.
  /** @type {string[]} */
  const plan = [];
  for (const [shape, weight] of SHAPES) {
    const n = Math.round((count * Number(weight)) / totalWeight);
    for (let i = 0; i < n; i++) plan.push(String(shape));
  }
  while (plan.length < count) plan.push('webauth-management');
  plan.length = count;
  r.shuffle(plan);

  /** @type {PackageContext[]} */
  const contexts = PACKAGE_NAMES.map((pkg, i) => {
    const tenant = TENANTS[i % TENANTS.length];
    return { pkg, tenant, domain: `${tenant}${r.pick(REGIONS)}.auth0.com`, clientId: r.token(32) };
  });
  for (const ctx of contexts) {
    const dir = path.join(root, 'packages', ctx.pkg);
    fs.mkdirSync(dir, { recursive: true });
    const manifest = {
      name: `@bench/${ctx.pkg}`,
      version: '1.0.0',
      private: true,
      dependencies: { 'auth0-js': '^9.11.0', 'auth0-lock': '^11.30.0', axios: '^0.27.2', vue: '^3.3.0' },
    };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  }

  /** @type {{ path: string, shape: string }[]} */
  const files = [];
  /** @type {Record<string, number>} */
  const byShape = {};
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (let i = 0; i < plan.length; i++) {
    const ctx = contexts[i % contexts.length];
    // Every package gets a Management call first: a package without one is left alone by design.
    const shape = i < contexts.length ? 'webauth-management' : plan[i];
    const impl = SHAPE_IMPL[shape];
    const base = `${r.pick(NOUNS)}-${r.pick(VERBS)}`;
    const bucket = `${impl.dir}/${base}`;
    const n = (seen.get(bucket) ?? 0) + 1;
    seen.set(bucket, n);
    const sub = `group-${String(Math.floor(i / 100)).padStart(2, '0')}`;
    const rel = path.join('packages', ctx.pkg, 'src', impl.dir, sub, `${base}-${n}${impl.ext}`);
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, impl.make(r, ctx));
    files.push({ path: rel, shape });
    byShape[shape] = (byShape[shape] ?? 0) + 1;
  }
  return { files, packages: contexts.map((c) => path.join('packages', c.pkg)), byShape };
}

module.exports = { generateLegacyCorpus, SHAPE_IMPL };
