import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '@babel/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractScriptBlocks } from '../../src/runner/containers';
import { makeRepo, makeTempDir, readTree, removeTempDirs } from '../cli/helpers';
import { BIN, cli, ensureBuilt, FIXTURES, jsonReport, modifiedFiles, PROJECT, read } from './helpers';

/**
 * Safety, part two: what the codemod writes is valid code that means what it meant before,
 * plus the migration; nothing a user passes in or a file holds can inject code; valid modern
 * code does not crash it. Every case runs the built CLI on a temporary repository.
 */

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

/** The rest of a flow whose login is in another file (`webAuth`): the stored token and the call. */
const MANAGEMENT_CALL =
  "/* global auth0, webAuth */\nwebAuth.parseHash((err, r) => {\n  localStorage.setItem('id_token', r.idToken);\n});\n" +
  "new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser('u', () => {});\n";

/** Throws unless `text` parses as a JavaScript module (JSX allowed). */
function parsesAsModule(text: string, plugins: ('jsx' | 'typescript')[] = ['jsx']): void {
  parse(text, { sourceType: 'module', plugins });
}

/** The statements of a module, at every depth: a comment adds none. */
function statementCount(text: string, plugins: ('jsx' | 'typescript')[] = ['jsx']): number {
  let count = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const type = (node as { type?: unknown }).type;
    if (typeof type === 'string' && /Statement$|Declaration$/.test(type)) count++;
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && !key.endsWith('omments')) visit(value);
  };
  visit(parse(text, { sourceType: 'module', plugins }).program);
  return count;
}

describe('--todo-comments never turns quoted text into code', () => {
  it('a line break, U+2028 or U+2029 inside a quoted value stays inside the comment', () => {
    const configs = ['\\n', '\\u2028', '\u2029', '\\r'].map(
      (brk, i) => `export const w${i} = new auth0.WebAuth({ domain: 'login${i}.example.com${brk}alert(document.cookie)//', clientID: 'x', responseType: 'id_token' });\n`,
    );
    const source = `/* global auth0 */\n${configs.join('')}`;
    const repo = makeRepo({ 'src/login.js': source, 'src/profile.js': MANAGEMENT_CALL });
    const result = cli(repo, '.', '--todo-comments');
    expect(result.code, result.stderr).toBe(0);
    const written = read(repo, 'src/login.js');
    expect(written.match(/TODO\(auth0-mgmt-codemod\): custom-domain/g)).toHaveLength(4);
    parsesAsModule(written);
    expect(statementCount(written)).toBe(statementCount(source));
    // The quoted text stays on its comment's line.
    const todoLines = written.split('\n').filter((line) => line.startsWith('// TODO'));
    expect(todoLines).toHaveLength(4);
    for (const line of todoLines) expect(line).toContain('alert(document.cookie)');
  });

  it('quoted </script> and <!-- in a .html or .vue script block cannot end the block', () => {
    const script = `
      var webAuth = new auth0.WebAuth({ domain: 'login.example.com<\\/script><script>alert(1)<\\/script><!--<script>', clientID: 'x', responseType: 'id_token' });
      webAuth.parseHash(function (err, r) { localStorage.setItem('id_token', r.idToken); });
      new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser('u', function () {});
    `;
    const html = `<!doctype html>\n<html><body>\n<script>${script}</script>\n<p>after</p>\n</body></html>\n`;
    const vue = `<template><p>hi</p></template>\n<script>\n/* global auth0 */${script}</script>\n`;
    const repo = makeRepo({ 'public/index.html': html, 'src/App.vue': vue });
    const result = cli(repo, '.', '--todo-comments');
    expect(result.code, result.stderr).toBe(0);
    for (const [file, before] of [
      ['public/index.html', html],
      ['src/App.vue', vue],
    ] as const) {
      const after = read(repo, file);
      expect(after, file).toContain('TODO(auth0-mgmt-codemod): custom-domain');
      expect(after.match(/<\/script/gi), file).toHaveLength(before.match(/<\/script/gi)?.length ?? 0);
      expect(after.match(/<!--/g), file).toHaveLength(before.match(/<!--/g)?.length ?? 0);
      const blocks = extractScriptBlocks(file, after) ?? [];
      expect(blocks).toHaveLength(1);
      parsesAsModule(blocks[0].content);
    }
  });
});

describe('--todo-comments lands only where a comment is a comment; every output parses', () => {
  it('not in JSX, template-literal text or after a line continuation', () => {
    const files = {
      'src/Login.jsx': [
        "import auth0 from 'auth0-js';",
        'export const Login = () => (',
        '  <a',
        "    href={'https://login.example.com/authorize?client_id=x&response_type=id_token&scope=openid'}>",
        '    Log in',
        '  </a>',
        ');',
        'export const Text = () => (',
        '  <p>',
        "    {'https://login.example.com/authorize?client_id=y&response_type=id_token&scope=openid'}",
        '  </p>',
        ');',
        '',
      ].join('\n'),
      'src/template.js': [
        '/* global auth0 */',
        'export const page = `<p>',
        "${new auth0.Management({ domain: 'acme.auth0.com', token: getToken() }).getUser('u', () => {})}</p>`;",
        '',
      ].join('\n'),
      'src/continued.js': [
        "import auth0 from 'auth0-js';",
        "export const note = 'see \\",
        "'; export const url = 'https://login.example.com/authorize?client_id=z&response_type=id_token&scope=openid';",
        '',
      ].join('\n'),
      'src/profile.js': MANAGEMENT_CALL,
    };
    const repo = makeRepo(files);
    const result = cli(repo, '.', '--todo-comments', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = jsonReport(result);
    expect(report.totals.errors).toBe(0);
    expect(report.files.filter((f) => f.path !== 'src/profile.js').map((f) => [f.path, f.findings.map((x) => x.code)])).toEqual([
      ['src/Login.jsx', ['custom-domain', 'custom-domain']],
      ['src/continued.js', ['custom-domain']],
      ['src/template.js', ['untraceable-token']],
    ]);
    for (const [file, before] of Object.entries(files)) {
      if (file === 'src/profile.js') continue;
      const after = read(repo, file);
      parsesAsModule(after);
      expect(statementCount(after), file).toBe(statementCount(before));
      // The text the comment must not enter is still there, unbroken.
      const kept = before.split('\n').filter((line) => line !== '' && !line.startsWith('import') && !line.startsWith('/*'));
      for (const line of kept) expect(after, `${file}: ${line}`).toContain(line);
    }
    expect(read(repo, 'src/template.js')).toContain('`<p>\n${new auth0.Management');
    for (const file of ['src/Login.jsx', 'src/continued.js', 'src/template.js']) expect(read(repo, file), file).toContain('// TODO(auth0-mgmt-codemod)');
    expect(read(repo, 'src/continued.js')).toContain("'see \\\n'");
    expect(read(repo, 'src/Login.jsx')).toContain("  <a\n    href=");
    expect(read(repo, 'src/Login.jsx')).toContain("  <p>\n    {'https");
  });
});

describe('--audience and --scopes land in code verbatim, so only valid values are accepted', () => {
  const repo = (): string => makeRepo({ 'public/index.html': `<script>\n${MANAGEMENT_CALL}var w = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'x', responseType: 'id_token' });\n</script>\n` });

  for (const args of [
    ['--scopes', '</script><script>alert(1)</script>'],
    ['--scopes', "read:current_user'"],
    ['--audience', 'https://acme.auth0.com<!--<script>/api/v2/'],
    ['--audience', "https://acme.auth0.com'+alert(1)+'/api/v2/"],
    ['--audience', 'https://evil.example.com/api/v2/'],
    ['--audience', 'https://ACME.auth0.com/api/v2/'],
    ['--audience', 'https://acme.auth0.com/api/v2'],
  ]) {
    it(`${args.join(' ')}: exit 2, nothing written`, () => {
      const dir = repo();
      const result = cli(dir, '.', ...args);
      expect(result.code, result.stderr).toBe(2);
      expect(modifiedFiles(dir)).toEqual([]);
    });
  }

  it('a private-cloud host is accepted with --allow-audience-host', () => {
    const dir = repo();
    expect(cli(dir, '.', '--audience', 'https://auth.acme-cloud.example/api/v2/').code).toBe(2);
    const result = cli(dir, '.', '--allow-audience-host', 'auth.acme-cloud.example', '--audience', 'https://auth.acme-cloud.example/api/v2/');
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'public/index.html')).toContain("audience: 'https://auth.acme-cloud.example/api/v2/'");
  });

  it('the transforms under stock jscodeshift refuse the same values', () => {
    const dir = makeTempDir('amc-jscodeshift-');
    const source = `${MANAGEMENT_CALL}var w = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'x', responseType: 'id_token' });\n`;
    writeFileSync(path.join(dir, 'app.js'), source);
    const jscodeshift = path.join(PROJECT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    for (const option of ['--scopes=</script><script>alert(1)</script>', '--audience=https://evil.example.com/api/v2/']) {
      // The transforms of the build under test (BIN's package).
      const transform = path.resolve(path.dirname(BIN), '..', 'dist', 'transforms', 'all.js');
      const run = spawnSync(process.execPath, [jscodeshift, '-t', transform, path.join(dir, 'app.js'), option], { encoding: 'utf8' });
      expect(`${run.stdout}${run.stderr}`, option).toMatch(/1 errors?/);
      expect(readFileSync(path.join(dir, 'app.js'), 'utf8')).toBe(source);
    }
  });
});

describe('the ignore marker counts only in a comment', () => {
  it('the same words in a string do not switch the codemod off', () => {
    const login = [
      '/* global auth0 */',
      "const note = 'auth0-mgmt-codemod-ignore';",
      "export const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'x', responseType: 'id_token', scope: 'openid' });",
      '// auth0-mgmt-codemod-ignore: kiosk login',
      "export const kiosk = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'k', responseType: 'id_token', scope: 'openid' });",
      '',
    ].join('\n');
    const repo = makeRepo({ 'src/login.js': login, 'src/profile.js': MANAGEMENT_CALL });
    expect(cli(repo, '.').code).toBe(0);
    const [migrated, ignored] = read(repo, 'src/login.js').split('// auth0-mgmt-codemod-ignore: kiosk login');
    expect(migrated).toContain("responseType: 'token id_token'");
    expect(ignored).toContain("responseType: 'id_token'");
    expect(ignored).not.toContain('token id_token');
  });
});

describe('valid modern code beside legacy Auth0 code never crashes a transform', () => {
  it('a token request and a Management API call inside an ES2019 `catch { … }` are migrated', () => {
    const source = [
      'export async function login(user, pass) {',
      '  try {',
      "    await fetch('/ping');",
      '  } catch {',
      "    const body = { grant_type: 'password', username: user, password: pass, client_id: 'abc', scope: 'openid' };",
      "    const res = await fetch('https://acme.auth0.com/oauth/token', { method: 'POST', body: JSON.stringify(body) });",
      '    const tokens = await res.json();',
      "    return fetch('https://acme.auth0.com/api/v2/users/' + user, { headers: { Authorization: 'Bearer ' + tokens.id_token } });",
      '  }',
      '}',
      '',
    ].join('\n');
    const repo = makeRepo({ 'src/login.js': source });
    const result = cli(repo, '.');
    expect(result.code, result.stderr).toBe(0);
    const after = read(repo, 'src/login.js');
    expect(after).toMatch(/audience: 'https:\/\/acme\.auth0\.com\/api\/v2\/',\s+scope: 'openid read:current_user'/);
    expect(after).toContain("'Bearer ' + tokens.access_token");
  });

  it('every fixture of the modern-syntax family, each a package of its own, migrates exactly as its fixture says', () => {
    const dir = path.join(FIXTURES, 'all');
    const inputs = readdirSync(dir).filter((f) => f.startsWith('modern-') && f.includes('.input.'));
    expect(inputs.length).toBeGreaterThanOrEqual(9);
    const files: Record<string, string> = {};
    for (const input of inputs) {
      const name = input.replace('.input.', '.');
      files[`${input.split('.')[0]}/package.json`] = '{}\n';
      files[`${input.split('.')[0]}/${name}`] = readFileSync(path.join(dir, input), 'utf8');
    }
    const repo = makeRepo(files);
    const result = cli(repo, '.', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(jsonReport(result).totals.errors).toBe(0);
    const tree = readTree(repo);
    for (const input of inputs) {
      const expected = readFileSync(path.join(dir, input.replace('.input.', '.output.')), 'utf8');
      expect(tree[`${input.split('.')[0]}/${input.replace('.input.', '.')}`], input).toBe(expected);
    }
  });
});
