import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageIndex, scriptTagVersions, versionFromScriptUrl } from '../../src/runner/packages';
import { makeTempDir, removeTempDirs, writeTree } from '../cli/helpers';

afterAll(removeTempDirs);

describe('versionFromScriptUrl', () => {
  it.each([
    ['https://cdn.auth0.com/js/lock/11.3.0/lock.min.js', 'auth0Lock', '11.3.0'],
    ['//cdn.auth0.com/js/lock/10.24.1/lock.js', 'auth0Lock', '10.24.1'],
    ['https://cdn.auth0.com/js/lock-10.x.min.js', 'auth0Lock', '10.x'],
    ['//cdn.auth0.com/js/lock-9.2.min.js', 'auth0Lock', '9.2'],
    ['https://cdn.auth0.com/js/auth0/9.5.1/auth0.min.js', 'auth0Js', '9.5.1'],
    ['https://cdn.auth0.com/w2/auth0-7.6.1.min.js', 'auth0Js', '7.6.1'],
    ['https://unpkg.com/auth0-js@8/dist/auth0.min.js', 'auth0Js', '8'],
    ['https://unpkg.com/auth0-js@^9.0.0', 'auth0Js', '9.0.0'],
    ['https://cdn.jsdelivr.net/npm/auth0-lock@11/build/lock.min.js', 'auth0Lock', '11'],
    ['https://cdn.jsdelivr.net/gh/auth0/lock@v11.3.0/build/lock.js', 'auth0Lock', '11.3.0'],
    ['https://cdnjs.cloudflare.com/ajax/libs/auth0-js/8.0.0/auth0.min.js', 'auth0Js', '8.0.0'],
    ['https://cdnjs.cloudflare.com/ajax/libs/auth0-lock/11.3.0/lock.min.js', 'auth0Lock', '11.3.0'],
  ])('%s loads %s %s', (url, library, version) => {
    expect(versionFromScriptUrl(url)).toEqual({ library, version });
  });

  it.each([
    'node_modules/auth0-js/dist/auth0.min.js',
    'https://cdn.auth0.com/js/lock-passwordless-2.2.min.js',
    'https://unpkg.com/auth0-lock-passwordless@2/build/lock-passwordless.js',
    'https://example.com/app.js',
    'src/auth0.js',
  ])('%s names no version of auth0-js or Lock', (url) => {
    expect(versionFromScriptUrl(url)).toBeUndefined();
  });
});

describe('scriptTagVersions', () => {
  it('reads script tags, not the same text in a comment or a string', () => {
    const html = [
      '<!-- <script src="https://cdn.auth0.com/js/lock/10.24.1/lock.min.js"></script> -->',
      '<SCRIPT SRC="https://cdn.auth0.com/js/lock/11.3.0/lock.min.js"></SCRIPT>',
      '<script>var s = \'<script src="https://cdn.auth0.com/js/auth0/8.0.0/auth0.min.js">\';</script>',
      '<script src="https://cdn.auth0.com/js/auth0/9.5.1/auth0.min.js"></script>',
    ].join('\n');
    expect(scriptTagVersions(html)).toEqual({ auth0Lock: '11.3.0', auth0Js: '9.5.1' });
  });
});

async function indexOf(root: string, files: string[]): Promise<PackageIndex> {
  const index = new PackageIndex();
  await index.prepare(files.map((rel) => ({ absolutePath: path.join(root, rel), root })));
  return index;
}

function packageOf(index: PackageIndex, root: string, rel: string): string {
  return path.relative(root, index.packageDirFor(path.join(root, rel), root)) || '.';
}

describe('PackageIndex', () => {
  it('takes the nearest folder with package.json, bower.json or index.html, else the run root', async () => {
    const root = makeTempDir();
    writeTree(root, {
      'samples/01-login/index.html': '<html></html>',
      'samples/01-login/js/app.js': '',
      'samples/02-api/bower.json': '{"name":"api-sample"}',
      'samples/02-api/src/app.js': '',
      'tools/lint.js': '',
      'server/package.json': '{"name":"server"}',
      'server/index.js': '',
      // A package's own page (Create React App, Vue CLI: public/; Angular: src/) is not an app of its own.
      'spa/package.json': '{"name":"spa"}',
      'spa/public/index.html': '<html></html>',
      'spa/src/index.html': '<html></html>',
      'spa/src/app.js': '',
      // Demos side by side inside a package are apps of their own.
      'spa/demos/one/index.html': '<html></html>',
      'spa/demos/one/demo.js': '',
    });
    const files = [
      'samples/01-login/js/app.js',
      'samples/02-api/src/app.js',
      'tools/lint.js',
      'server/index.js',
      'spa/public/index.html',
      'spa/src/app.js',
      'spa/demos/one/demo.js',
    ];
    const index = await indexOf(root, files);
    expect(files.map((f) => packageOf(index, root, f))).toEqual([
      'samples/01-login',
      'samples/02-api',
      '.',
      'server',
      'spa',
      'spa',
      'spa/demos/one',
    ]);
    expect(index.nameOf(path.join(root, 'samples/02-api'))).toBe('api-sample');
    expect(index.nameOf(path.join(root, 'samples/01-login'))).toBeUndefined();
  });

  it('takes workspace packages where the repository declares them, app folders inside them included', async () => {
    const root = makeTempDir();
    writeTree(root, {
      'package.json': '{"name":"root","private":true}',
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n",
      'apps/web/package.json': '{"name":"@acme/web"}',
      'apps/web/public/index.html': '<html></html>',
      'apps/web/public/login.js': '',
      'apps/web/src/nested/package.json': '{"type":"module"}',
      'apps/web/src/nested/profile.js': '',
      'examples/demo/index.html': '<html></html>',
      'examples/demo/demo.js': '',
      'scripts/release.js': '',
    });
    const files = ['apps/web/public/login.js', 'apps/web/src/nested/profile.js', 'examples/demo/demo.js', 'scripts/release.js'];
    const index = await indexOf(root, files);
    expect(files.map((f) => packageOf(index, root, f))).toEqual(['apps/web', 'apps/web', 'examples/demo', '.']);
    expect(index.knownNames([])).toEqual(['@acme/web']);
  });

  it('reads npm and yarn workspaces declared in package.json, with or without a lock file', async () => {
    for (const [workspaces, lockFile] of [
      ['["packages/*"]', 'package-lock.json'],
      ['{"packages":["packages/*"]}', 'yarn.lock'],
      ['["packages/*"]', null],
    ] as const) {
      const root = makeTempDir();
      writeTree(root, {
        'package.json': `{"name":"mono","private":true,"workspaces":${workspaces}}`,
        ...(lockFile ? { [lockFile]: lockFile === 'yarn.lock' ? '# yarn lockfile v1\n' : '{"lockfileVersion":3}' } : {}),
        'packages/a/package.json': '{"name":"a"}',
        'packages/a/src/index.html': '<html></html>',
        'packages/a/src/app.js': '',
        'packages/b/package.json': '{}',
        'packages/b/app.js': '',
      });
      const index = await indexOf(root, ['packages/a/src/app.js', 'packages/b/app.js']);
      expect(packageOf(index, root, 'packages/a/src/app.js'), workspaces).toBe('packages/a');
      expect(packageOf(index, root, 'packages/b/app.js'), workspaces).toBe('packages/b');
      // A workspace package without a name is still a package; --package cannot pick it.
      expect(index.knownNames([])).toEqual(['a']);
    }
  });

  it('knows library versions from manifests and from CDN script tags', async () => {
    const root = makeTempDir();
    writeTree(root, {
      'lock11/index.html': '<script src="https://cdn.auth0.com/js/lock/11.3.0/lock.min.js"></script>',
      'lock11/app.js': '',
      'declared/package.json': '{"dependencies":{"auth0-lock":"^10.2.0"}}',
      'declared/index.html': '<script src="https://cdn.auth0.com/js/lock/11.3.0/lock.min.js"></script><script src="https://unpkg.com/auth0-js@8"></script>',
      'declared/app.js': '',
      'bower/bower.json': '{"dependencies":{"auth0.js":"~9.0"}}',
      'bower/app.js': '',
      'mixed/index.html': '<script src="https://cdn.auth0.com/js/lock/10.24.1/lock.min.js"></script>',
      'mixed/admin.html': '<script src="https://cdn.auth0.com/js/lock/11.3.0/lock.min.js"></script>',
      'mixed/app.js': '',
      'lib/package.json': '{"dependencies":{"auth0-js":"9.32.0"}}',
      'lib/demo/index.html': '<html></html>',
      'lib/demo/app.js': '',
    });
    const apps = ['lock11', 'declared', 'bower', 'mixed', 'lib/demo'];
    const index = await indexOf(root, apps.map((a) => `${a}/app.js`));
    for (const html of ['lock11/index.html', 'declared/index.html', 'mixed/index.html', 'mixed/admin.html']) {
      index.noteHtml(path.join(root, html), (await import('node:fs')).readFileSync(path.join(root, html), 'utf8'));
    }
    const versions = apps.map((app) => index.versionsOf(index.packageDirFor(path.join(root, app, 'app.js'), root), root));
    expect(versions).toEqual([
      { auth0Lock: '11.3.0' },
      // what package.json declares wins; the CDN fills in what it does not declare
      { auth0Lock: '^10.2.0', auth0Js: '8' },
      { auth0Js: '~9.0' },
      // pages that load different major versions leave the version unknown
      {},
      // an app folder inside a package takes the manifest above it
      { auth0Js: '9.32.0' },
    ]);
  });
});
