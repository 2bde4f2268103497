import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTransformOptions } from '../../src/transform-kit';
import type { TransformModule } from '../../src/types';
import { exitCodeFor } from '../../src/reporter/exit-code';
import { run } from '../../src/runner/run';
import type { RunEvent, RunMode, RunOptions } from '../../src/runner/types';
import { git, makeRepo, makeTempDir, readTree, removeTempDirs, STAND_INS, writeTree } from '../cli/helpers';

afterAll(removeTempDirs);

function runIn(cwd: string, overrides: Partial<RunOptions> & { mode?: RunMode } = {}, listener?: (e: RunEvent) => void) {
  return run(
    {
      cwd,
      paths: ['.'],
      transform: 'all',
      mode: 'dry',
      transformOptions: readTransformOptions({}),
      ignore: [],
      workers: 1,
      workersExplicit: true,
      force: false,
      modules: STAND_INS,
      ...overrides,
    },
    listener,
  );
}

const MANAGEMENT_CALL = "new auth0.Management({ domain: 'acme.auth0.com', token: t }).getUser(id, cb);\n";

describe('run', () => {
  it('reports candidates only, and changes nothing in a dry run', async () => {
    const root = makeRepo({
      'src/auth.js': "var w = new auth0.WebAuth({ responseType: 'id_token' });\n",
      'src/plain.js': "var responseType = 'code';\n",
      'src/other.js': "// mentions auth0 but nothing to change\n",
    });
    const before = readTree(root);
    const report = await runIn(root);
    expect(readTree(root)).toEqual(before);
    expect(report.totals).toEqual({ scanned: 3, candidates: 2, changed: 1, unchanged: 1, errors: 0, findings: 0, notes: 0, reparsed: 0, skipped: 0 });
    const auth = report.files.find((f) => f.path === 'src/auth.js');
    expect(auth?.status).toBe('changed');
    expect(auth?.transforms).toEqual(['webauth-config']);
    expect(auth?.after).toBe("var w = new auth0.WebAuth({ responseType: 'token id_token' });\n");
  });

  it('writes atomically, keeps the file mode, and leaves no temporary files', async () => {
    const root = makeRepo({ 'bin/tool.js': "#!/usr/bin/env node\nauth0.x({ responseType: 'id_token' });\n" });
    chmodSync(path.join(root, 'bin/tool.js'), 0o755);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'mode');
    const written: string[] = [];
    const report = await runIn(root, { mode: 'write' }, (e) => {
      if (e.type === 'written') written.push(e.path);
    });
    expect(written).toEqual(['bin/tool.js']);
    expect(readFileSync(path.join(root, 'bin/tool.js'), 'utf8')).toContain("'token id_token'");
    expect(statSync(path.join(root, 'bin/tool.js')).mode & 0o777).toBe(0o755);
    expect(readdirSync(path.join(root, 'bin'))).toEqual(['tool.js']);
    expect(report.files[0]).toMatchObject({ status: 'changed', written: true });
  });

  it('infers a package scope from another file of the same package, per package', async () => {
    const root = makeRepo({
      'package.json': '{}',
      'packages/web/package.json': '{"dependencies":{"auth0-js":"^9.11.0"}}',
      'packages/web/src/auth.js': "var scope = 'SCOPES'; // auth0\n",
      'packages/web/src/profile.js': MANAGEMENT_CALL,
      'packages/login-only/package.json': '{}',
      'packages/login-only/src/auth.js': "var scope = 'SCOPES'; // auth0\n",
    });
    const report = await runIn(root);
    const byPath = Object.fromEntries(report.files.map((f) => [f.path, f]));
    expect(byPath['packages/web/src/auth.js'].after).toBe("var scope = 'read:current_user'; // auth0\n");
    expect(byPath['packages/web/src/auth.js'].packagePath).toBe('packages/web');
    expect(byPath['packages/login-only/src/auth.js'].status).toBe('unchanged');
    // The stand-ins name no flow sites: no flow, so no scopes requested by a migrated flow.
    const none = { clientIds: [], tenantHosts: [], embeddedLogin: false, flows: [] };
    expect(report.packages).toEqual([
      { path: 'packages/login-only', scopes: [], endpoints: [], versions: {}, ...none },
      { path: 'packages/web', scopes: [], endpoints: ['GET /api/v2/users/{id}'], versions: { auth0Js: '^9.11.0' }, ...none },
    ]);
  });

  it('scans the rest of a package when the paths cover only part of it', async () => {
    const root = makeRepo({
      'package.json': '{}',
      'src/auth.js': "var scope = 'SCOPES'; // auth0\n",
      'src/profile.js': MANAGEMENT_CALL.replace('getUser(id, cb)', 'patchUserMetadata(id, {}, cb)'),
    });
    const report = await runIn(root, { paths: ['src/auth.js'] });
    expect(report.files.map((f) => f.path)).toEqual(['src/auth.js']);
    expect(report.totals.candidates).toBe(1);
    expect(report.files[0].after).toBe("var scope = 'update:current_user_metadata'; // auth0\n");
  });

  it('counts progress in candidates, as the summary does, also where other files of a package are read for its facts', async () => {
    const root = makeRepo({
      'package.json': '{}',
      'src/auth.js': "var scope = 'SCOPES'; // auth0\n",
      'src/login.js': "var other = 'SCOPES'; // auth0\n",
      'src/profile.js': MANAGEMENT_CALL,
      'lib/profile.js': MANAGEMENT_CALL.replace('getUser(id, cb)', 'patchUserMetadata(id, {}, cb)'),
    });
    const events: RunEvent[] = [];
    const report = await runIn(root, { paths: ['src/auth.js', 'src/login.js'] }, (e) => events.push(e));
    expect(report.totals.candidates).toBe(2);
    const progress = events.filter((e): e is Extract<RunEvent, { type: 'progress' }> => e.type === 'progress' && e.phase !== 'read');
    expect(progress.length).toBeGreaterThan(0);
    // The two files read only for the package's scopes are not counted, in either phase.
    for (const e of progress) expect(e.total, e.phase).toBe(report.totals.candidates);
    expect(progress.filter((e) => e.phase === 'scan').map((e) => e.done)).toEqual([1, 2]);
  });

  it('uses --scopes instead of inferring, for every package', async () => {
    const root = makeRepo({ 'src/auth.js': "var scope = 'SCOPES'; // auth0\n" });
    const report = await runIn(root, { transformOptions: readTransformOptions({ scopes: 'read:users' }) });
    expect(report.files[0].after).toBe("var scope = 'read:users'; // auth0\n");
  });

  it('reports a file that does not parse with its position and goes on with the rest', async () => {
    const root = makeRepo({
      'src/broken.js': "auth0.x({ responseType: 'id_token' ;\n",
      'src/ok.js': "auth0.x({ responseType: 'id_token' });\n",
    });
    const report = await runIn(root, { mode: 'write' });
    const broken = report.files.find((f) => f.path === 'src/broken.js');
    expect(broken?.status).toBe('error');
    expect(broken?.error).toMatchObject({ line: 1 });
    expect(broken?.error?.column).toBeGreaterThan(1);
    expect(report.totals.errors).toBe(1);
    expect(readFileSync(path.join(root, 'src/ok.js'), 'utf8')).toContain('token id_token');
    expect(readFileSync(path.join(root, 'src/broken.js'), 'utf8')).toBe("auth0.x({ responseType: 'id_token' ;\n");
  });

  it('keeps CRLF line endings, a BOM and a missing final newline', async () => {
    const source = "\uFEFFauth0.x({\r\n  responseType: 'id_token',\r\n});";
    const root = makeRepo({ 'src/crlf.js': source });
    const report = await runIn(root, { mode: 'write' });
    expect(report.files[0].status).toBe('changed');
    expect(readFileSync(path.join(root, 'src/crlf.js'), 'utf8')).toBe("\uFEFFauth0.x({\r\n  responseType: 'token id_token',\r\n});");
  });

  it('transforms <script> blocks of containers and reports findings at container lines', async () => {
    const root = makeRepo({
      'src/App.vue': "<template>\n  <div>auth0</div>\n</template>\n<script>\nauth0.x({ responseType: 'id_token' });\nlet d = 'FINDME';\n</script>\n",
      'public/index.html': "<!doctype html>\n<p>auth0</p>\n<script>\n  webAuth.authorize({ responseType: 'id_token' });\n</script>\n",
    });
    const report = await runIn(root);
    const vue = report.files.find((f) => f.path === 'src/App.vue');
    expect(vue?.after).toContain("<script>\nauth0.x({ responseType: 'token id_token' });\n");
    expect(vue?.after.startsWith('<template>\n  <div>auth0</div>\n</template>\n')).toBe(true);
    expect(vue?.findings).toEqual([{ code: 'custom-domain', transform: 'management-token', line: 6, column: 9, message: 'stand-in finding' }]);
    const html = report.files.find((f) => f.path === 'public/index.html');
    expect(html?.after).toContain("webAuth.authorize({ responseType: 'token id_token' });");
  });

  it('leaves findings silenced by the ignore comment out, and adds TODO comments when asked', async () => {
    const root = makeRepo({
      'a.js': "// auth0\nlet a = 'FINDME';\nlet b = 'FINDME'; // auth0-mgmt-codemod-ignore\n",
    });
    const plain = await runIn(root);
    expect(plain.files[0].findings.map((f) => f.line)).toEqual([2]);
    expect(plain.files[0].status).toBe('unchanged');
    const todo = await runIn(root, { transformOptions: readTransformOptions({ todoComments: true }) });
    expect(todo.files[0].after).toBe(
      "// auth0\n// TODO(auth0-mgmt-codemod): custom-domain: stand-in finding\nlet a = 'FINDME';\nlet b = 'FINDME'; // auth0-mgmt-codemod-ignore\n",
    );
  });

  it('refuses to write when a file that would change has uncommitted changes, unless forced', async () => {
    const root = makeRepo({ 'a.js': "auth0.x({ responseType: 'id_token' });\n", 'b.js': "auth0.y({ responseType: 'id_token' });\n" });
    writeFileSync(path.join(root, 'b.js'), "auth0.y({ responseType: 'id_token' }); // edited\n");
    writeTree(root, { 'new.js': "auth0.z({ responseType: 'id_token' });\n" });
    const refused = await runIn(root, { mode: 'write' });
    expect(refused.refusedDirty).toEqual(['b.js', 'new.js']);
    expect(readFileSync(path.join(root, 'a.js'), 'utf8')).not.toContain('token id_token');
    const dry = await runIn(root, { mode: 'dry' });
    expect(dry.refusedDirty).toEqual([]);
    const forced = await runIn(root, { mode: 'write', force: true });
    expect(forced.refusedDirty).toEqual([]);
    expect(forced.totals.changed).toBe(3);
    expect(readFileSync(path.join(root, 'b.js'), 'utf8')).toContain('token id_token');
  });

  it('does not touch a file through a symbolic link', async () => {
    const outside = makeTempDir();
    writeTree(outside, { 'shared.js': "auth0.x({ responseType: 'id_token' });\n" });
    const root = makeRepo({ 'a.js': '// auth0\n' });
    symlinkSync(path.join(outside, 'shared.js'), path.join(root, 'link.js'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'link');
    const report = await runIn(root, { mode: 'write' });
    expect(report.skipped.symlink).toBe(1);
    expect(readFileSync(path.join(outside, 'shared.js'), 'utf8')).not.toContain('token id_token');
  });

  it('stops handing out work when aborted and writes nothing after that', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`f${i}.js`] = "auth0.x({ responseType: 'id_token' });\n";
    const root = makeRepo(files);
    const controller = new AbortController();
    const report = await runIn(root, { mode: 'write', signal: controller.signal }, (e) => {
      if (e.type === 'progress' && e.phase === 'scan' && e.done === 2) controller.abort();
    });
    expect(report.interrupted).toBe(true);
    expect(report.files.every((f) => !f.written && f.status === 'skipped')).toBe(true);
    expect(Object.values(readTree(root)).every((text) => !text.includes('token id_token'))).toBe(true);
  });

  it('stops between two writes when aborted during the write phase', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 4; i++) files[`f${i}.js`] = "auth0.x({ responseType: 'id_token' });\n";
    const root = makeRepo(files);
    const controller = new AbortController();
    const report = await runIn(root, { mode: 'write', signal: controller.signal }, (e) => {
      if (e.type === 'written') controller.abort();
    });
    expect(report.interrupted).toBe(true);
    expect(report.files.filter((f) => f.written)).toHaveLength(1);
    expect(report.files.filter((f) => f.status === 'skipped')).toHaveLength(3);
    expect(Object.values(readTree(root)).filter((text) => text.includes('token id_token'))).toHaveLength(1);
  });

  it('rejects a file named with a trailing slash before reading anything', async () => {
    const root = makeRepo({ 'src/auth.js': "var w = new auth0.WebAuth({ responseType: 'id_token' });\n" });
    await expect(runIn(root, { paths: ['src/auth.js/'], mode: 'write' })).rejects.toThrow('not a directory: src/auth.js/');
    expect(readFileSync(path.join(root, 'src/auth.js'), 'utf8')).toContain("'id_token'");
    const report = await runIn(root, { paths: ['src/'] });
    expect(report.totals.changed).toBe(1);
  });

  it('runs the registry transforms when no stand-ins are given, and rejects unknown ones', async () => {
    const root = makeRepo({ 'a.js': '// auth0\n' });
    const report = await runIn(root, { modules: undefined });
    expect(report.files[0].status).toBe('unchanged');
    await expect(runIn(root, { modules: undefined, transform: 'nope' })).rejects.toThrow(/unknown transform/);
  });

  it('skips files over 1 MiB and minified bundles without parsing them, listing those with Auth0 text', async () => {
    const big = `// auth0\n${'const a = 1;\n'.repeat(90_000)}`;
    const bundle = `auth0.x({responseType:'id_token'});${'var a=1;'.repeat(2000)}`;
    const otherBundle = `window.x=1;${'var a=1;'.repeat(2000)}`;
    const root = makeRepo({ 'big.js': big, 'bundle.js': bundle, 'other.js': otherBundle, 'ok.js': '// auth0\n' });
    const report = await runIn(root);
    expect(report.files.map((f) => [f.path, f.status, f.skipReason])).toEqual([
      ['big.js', 'skipped', 'too-large'],
      ['bundle.js', 'skipped', 'minified'],
      ['ok.js', 'unchanged', undefined],
    ]);
    expect(report.totals.skipped).toBe(2);
    expect(report.skipped).toMatchObject({ 'too-large': 1, minified: 1 });
  });
});

describe('run with stand-in transforms that throw', () => {
  it('reports the failing file as an error and keeps going', async () => {
    const throwing: TransformModule = {
      meta: { id: 'token-request', description: 'throws on a marker' },
      apply(ctx) {
        if (ctx.source.includes('BOOM')) throw new Error('stand-in failure');
      },
    };
    const root = makeRepo({ 'a.js': '// auth0 BOOM\n', 'b.js': "auth0.x({ responseType: 'id_token' });\n" });
    const report = await runIn(root, { modules: [throwing, ...STAND_INS] });
    expect(report.files[0]).toMatchObject({ path: 'a.js', status: 'error', error: { message: 'transform failed: stand-in failure' } });
    expect(report.files[1].status).toBe('changed');
  });
});

describe('run: every output is parsed again before it is written', () => {
  /** A transform with a bug: it turns `'id_token'` into text that is no longer JavaScript. */
  const breaking: TransformModule = {
    meta: { id: 'webauth-config', description: 'stand-in: writes broken code' },
    apply(ctx) {
      ctx.root.find(ctx.j.StringLiteral, { value: 'id_token' }).forEach((p) => {
        const { start, end } = p.node as unknown as { start: number; end: number };
        ctx.edits.replace(start, end, "'token id_token' +");
      });
    },
  };
  /** A transform that writes `</script>` into a string. */
  const scriptEnd: TransformModule = {
    meta: { id: 'authorize-url', description: 'stand-in: writes </script> into a string' },
    apply(ctx) {
      ctx.root.find(ctx.j.StringLiteral, { value: 'SCOPES' }).forEach((p) => {
        const { start, end } = p.node as unknown as { start: number; end: number };
        ctx.edits.replace(start, end, "'</script><SCRIPT>alert(1)</Script>'");
      });
    },
  };

  it('a file whose migrated text would not parse is an error (exit 2), and is not written', async () => {
    const root = makeRepo({
      'src/a.js': "auth0.x({ responseType: 'id_token' });\n",
      'src/b.vue': "<template><p/></template>\n<script>\nauth0.x({ responseType: 'id_token' });\n</script>\n",
      'src/c.js': "auth0.x({ scope: 'SCOPES' });\n",
    });
    const before = readTree(root);
    const report = await runIn(root, { mode: 'write', modules: [breaking, scriptEnd], transformOptions: readTransformOptions({ scopes: ['openid'] }) });
    const byPath = Object.fromEntries(report.files.map((f) => [f.path, f]));
    expect(byPath['src/a.js']).toMatchObject({ status: 'error', written: false, error: { message: expect.stringContaining('would not parse'), line: 1 } });
    expect(byPath['src/b.vue']).toMatchObject({ status: 'error', written: false, error: { line: 3 } });
    expect(byPath['src/c.js']).toMatchObject({ status: 'changed', written: true });
    expect(exitCodeFor(report, false)).toBe(2);
    const after = readTree(root);
    expect(after['src/a.js']).toBe(before['src/a.js']);
    expect(after['src/b.vue']).toBe(before['src/b.vue']);
  });

  it('escapes </script written into an HTML script block, so the block still ends where it ended', async () => {
    const root = makeRepo({ 'index.html': "<script>\nauth0.x({ scope: 'SCOPES' });\n</script>\n<p>after</p>\n" });
    const report = await runIn(root, { modules: [scriptEnd], transformOptions: readTransformOptions({ scopes: ['openid'] }) });
    expect(report.files[0].after).toBe("<script>\nauth0.x({ scope: '<\\/script><SCRIPT>alert(1)<\\/Script>' });\n</script>\n<p>after</p>\n");
  });
});
