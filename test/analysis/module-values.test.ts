import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { exportedValueEntries, importedObjectValue, importedValue } from '../../src/analysis/module-values';
import type { PackageFacts } from '../../src/types';

function entries(source: string, parser = 'babel'): readonly string[] {
  const j = jscodeshift.withParser(parser);
  return exportedValueEntries(j, j(source));
}

/** Reads `expression` (the last statement of `source`, in `filePath`) against other modules' entries. */
function read(filePath: string, source: string, exported: Record<string, string>, parser = 'babel') {
  const j = jscodeshift.withParser(parser);
  const root = j(source);
  const exportedValues: string[] = [];
  for (const [file, text] of Object.entries(exported)) for (const entry of entries(text, parser)) exportedValues.push(`${file}#${entry}`);
  const packageFacts = { path: '.', endpoints: [], scopes: [], storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: [] }, versions: {}, exportedValues } as PackageFacts;
  const statements = root.find(j.ExpressionStatement).paths();
  const expression = statements[statements.length - 1].node.expression;
  const ctx = { j, root, filePath, packageFacts };
  return { value: importedValue(ctx, expression), ctx };
}

describe('exportedValueEntries', () => {
  it('records the literal values of named, default and CommonJS exports, with their place', () => {
    expect(entries(`export const AUTH_CONFIG = {\n  domain: 'acme.auth0.com',\n  popup: false,\n  redirect: window.location.href\n};`)).toEqual([
      'AUTH_CONFIG@1:28={}',
      'AUTH_CONFIG.domain@2:11="acme.auth0.com"',
      'AUTH_CONFIG.popup@3:10=false',
      'AUTH_CONFIG.redirect@4:13=?',
    ]);
    expect(entries(`const config = { clientID: 'abc' };\nexport default config;`)).toEqual(['default@1:16={}', 'default.clientID@1:28="abc"']);
    expect(entries(`module.exports = { domain: 'a.auth0.com' };\nexports.extra = 'x';`)).toEqual([
      'default@1:18={}',
      'default.domain@1:28="a.auth0.com"',
      'default.extra@2:17="x"',
    ]);
  });

  it('records no value for an object the module changes, nor for a binding other than a top-level const', () => {
    expect(entries(`export const AUTH_CONFIG = { domain: 'acme.auth0.com' };\nAUTH_CONFIG.domain = window.DOMAIN;`)).toEqual(['AUTH_CONFIG@1:14=?']);
    expect(entries(`let d = 'a.auth0.com';\nd = pick();\nexport { d };\nvar e = 'b.auth0.com';\nexport { e };`)).toEqual([]);
  });

  it('marks an object whose keys a spread may hide, and skips what is not exported', () => {
    expect(entries(`const base = { a: 'b' };\nexport const opts = { ...base, scope: 'openid' };`)).toEqual(['opts@2:21={…}', 'opts.scope@2:39="openid"']);
    expect(entries(`const secret = 'x';\nlet later = { a: 'b' };\nexport let mutable = { a: 'b' };`)).toEqual([]);
  });
});

describe('importedValue', () => {
  const variables = { 'src/auth0-variables.js': `export const AUTH_CONFIG = { domain: 'login.acme.com', clientId: 'abc' };` };

  it('follows a named import by its relative path, with or without the extension', () => {
    const { value } = read('src/auth/service.js', `import { AUTH_CONFIG } from '../auth0-variables';\nAUTH_CONFIG.domain;`, variables);
    expect(value).toEqual({ kind: 'string', value: 'login.acme.com', where: 'src/auth0-variables.js:1:38' });
  });

  it('follows default, namespace and require() imports, and ES and CommonJS modules both ways', () => {
    const cjs = { 'cfg.js': `module.exports = { auth0: { domain: 'a.auth0.com' } };` };
    expect(read('app.js', `import cfg from './cfg';\ncfg.auth0.domain;`, cjs).value).toMatchObject({ kind: 'string', value: 'a.auth0.com' });
    expect(read('app.js', `const cfg = require('./cfg.js');\ncfg.auth0.domain;`, cjs).value).toMatchObject({ kind: 'string', value: 'a.auth0.com' });
    expect(read('app.js', `const { auth0 } = require('./cfg');\nauth0.domain;`, cjs).value).toMatchObject({ kind: 'string', value: 'a.auth0.com' });
    expect(read('app.js', `import { auth0 } from './cfg';\nauth0.domain;`, cjs).value).toMatchObject({ kind: 'string', value: 'a.auth0.com' });
    const esm = { 'cfg.ts': `export const auth0 = { domain: 'b.auth0.com' };` };
    expect(read('app.ts', `import * as cfg from './cfg';\ncfg.auth0.domain;`, esm, 'ts').value).toMatchObject({ kind: 'string', value: 'b.auth0.com' });
    expect(read('app.js', `const cfg = require('./cfg');\ncfg.auth0.domain;`, esm).value).toMatchObject({ kind: 'string', value: 'b.auth0.com' });
  });

  it("follows a bare path from the package folder or its src (TypeScript's baseUrl)", () => {
    const env = { 'src/environments/environment.ts': `export const environment = { auth0: { domain: 'acme.auth0.com' } };` };
    for (const specifier of ['src/environments/environment', 'environments/environment']) {
      const source = `import { environment } from '${specifier}';\nenvironment.auth0.domain;`;
      expect(read('src/app/auth.service.ts', source, env, 'ts').value).toMatchObject({ kind: 'string', value: 'acme.auth0.com' });
    }
  });

  it('is not fooled by a local of the same name, a package import or an unknown key', () => {
    expect(read('src/a.js', `import { AUTH_CONFIG } from './auth0-variables';\nfunction f(AUTH_CONFIG) { AUTH_CONFIG.domain; }\nAUTH_CONFIG.nope;`, variables).value).toBeUndefined();
    const shadowed = `import { AUTH_CONFIG } from './auth0-variables';\nfunction f(AUTH_CONFIG) {\n  AUTH_CONFIG.domain;\n}`;
    const j = jscodeshift.withParser('babel');
    const root = j(shadowed);
    const inner = root.find(j.ExpressionStatement).paths()[0].node.expression;
    const packageFacts = { exportedValues: entries(variables['src/auth0-variables.js']).map((e) => `src/auth0-variables.js#${e}`) } as unknown as PackageFacts;
    expect(importedValue({ j, root, filePath: 'src/a.js', packageFacts }, inner)).toBeUndefined();
    expect(read('src/a.js', `import { AUTH_CONFIG } from 'auth0-config-package';\nAUTH_CONFIG.domain;`, variables).value).toBeUndefined();
  });

  it('reads a value holding # @ = characters, and no package name as a file', () => {
    const tricky = { 'src/config.js': `export const c = { url: 'https://x/#a@1:2=b', domain: 'acme.auth0.com' };` };
    expect(read('src/a.js', `import { c } from './config';\nc.url;`, tricky).value).toMatchObject({ kind: 'string', value: 'https://x/#a@1:2=b' });
    expect(read('src/a.js', `import { c } from './config';\nc.domain;`, tricky).value).toMatchObject({ kind: 'string', value: 'acme.auth0.com' });
    expect(read('src/a.js', `import { c } from 'config';\nc.domain;`, tricky).value).toBeUndefined();
  });

  it('reads an object and what is under it', () => {
    const env = { 'src/environments/environment.ts': `export const environment = { auth0: { auth: { params: { scope: 'openid' } } } };` };
    const { value, ctx } = read('src/app/auth.service.ts', `import { environment } from '../environments/environment';\nenvironment.auth0;`, env, 'ts');
    expect(value).toMatchObject({ kind: 'object', open: false, where: 'src/environments/environment.ts:1:37' });
    if (value?.kind !== 'object') throw new Error('object expected');
    expect(importedObjectValue(ctx, value, ['auth', 'params', 'scope'])).toMatchObject({ kind: 'string', value: 'openid' });
    expect(importedObjectValue(ctx, value, ['auth', 'audience'])).toBeUndefined();
  });

  it('takes a value from Angular environment files only where every build has the same one', () => {
    const dev = `export const environment = { production: false, auth0: { domain: 'acme.auth0.com', audience: 'https://acme.auth0.com/api/v2/' } };`;
    const sameDomain = `export const environment = { production: true, auth0: { domain: 'acme.auth0.com' } };`;
    const files = { 'src/environments/environment.ts': dev, 'src/environments/environment.prod.ts': sameDomain };
    const source = `import { environment } from '../environments/environment';\nenvironment.auth0.domain;`;
    expect(read('src/app/a.ts', source, files, 'ts').value).toMatchObject({ kind: 'string', value: 'acme.auth0.com' });
    const audience = read('src/app/a.ts', source.replace('.domain', '.audience'), files, 'ts').value;
    expect(audience).toMatchObject({ kind: 'varies' });
    expect(audience?.where).toContain('src/environments/environment.prod.ts');
  });
});
