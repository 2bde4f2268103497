import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ANNOTATIONS_PER_STEP } from '../../src/reporter/github';
import { FINGERPRINT_KEY } from '../../src/reporter/sarif';
import { git, makeRepo, makeTempDir, removeTempDirs } from '../cli/helpers';
import { sarifValidator } from '../helpers/sarif-schema';
import { cli, cliWithEnv, ensureBuilt, outsideGitHubActions, PROJECT } from './helpers';

/**
 * End-to-end: the formats CI uses (SARIF, Markdown), GitHub Actions annotations and job summary,
 * and the composite action's run step, on the built CLI.
 */

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

const validate = sarifValidator();

/** The example app of the README, committed in a fresh repository (as `examples/legacy-spa`). */
function exampleRepo(): string {
  const dir = makeTempDir('amc-example-');
  cpSync(path.join(PROJECT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'example');
  return dir;
}

function findingsRepo(): string {
  const dir = makeTempDir('amc-findings-');
  cpSync(path.join(__dirname, 'scenarios', 'findings-app'), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'findings');
  return dir;
}

function sarifOf(stdout: string): Sarif.Log {
  return JSON.parse(stdout) as Sarif.Log;
}

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 with pending changes and findings, paths relative to the repository root', () => {
    const repo = exampleRepo();
    // Run from a subfolder: SARIF paths are still relative to the repository root.
    const result = cli(path.join(repo, 'examples'), '--check', '--format', 'sarif');
    expect(result.code, result.stderr).toBe(1);
    const log = sarifOf(result.stdout);
    expect(validate(log)).toEqual([]);
    const results = log.runs[0].results ?? [];
    const uris = new Set(results.map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri));
    expect([...uris].sort()).toEqual([
      'examples/legacy-spa/scripts/get-token.js',
      'examples/legacy-spa/src/auth.js',
      'examples/legacy-spa/src/link.js',
      'examples/legacy-spa/src/profile.js',
      'examples/lock10-spa/src/app.js',
      'examples/lock10-spa/src/profile.js',
    ]);
    // Pending changes carry their fixes; the notes say what the tenant will ask of the users.
    const changes = results.filter((r) => r.ruleId === 'pending-change');
    expect(changes.every((r) => r.fixes?.[0].artifactChanges[0].replacements.length)).toBe(true);
    expect(results.filter((r) => r.ruleId !== 'pending-change').map((r) => [r.ruleId, r.level])).toEqual([
      ['consent-required', 'note'],
      ['rs256-required', 'note'],
      ['legacy-get-profile', 'warning'],
      ['legacy-get-profile', 'warning'],
    ]);

    const findings = sarifOf(cli(findingsRepo(), '--check', '--format', 'sarif').stdout);
    expect(validate(findings)).toEqual([]);
    expect((findings.runs[0].results ?? []).map((r) => [r.ruleId, r.level])).toEqual([['custom-audience', 'warning']]);
  });

  it('gives the same fingerprints on every run, and the fixes give the migrated files', () => {
    const repo = exampleRepo();
    const first = sarifOf(cli(repo, '--check', '--format', 'sarif').stdout);
    const second = sarifOf(cli(repo, '--check', '--format', 'sarif').stdout);
    const prints = (log: Sarif.Log): string[] => (log.runs[0].results ?? []).map((r) => r.partialFingerprints?.[FINGERPRINT_KEY] as string);
    expect(prints(second)).toEqual(prints(first));
    expect(new Set(prints(first)).size).toBe(prints(first).length);

    // Applying every fix gives what a write run writes. Replacements are character ranges of the
    // original text, so each file's are applied last-first.
    const replacements = new Map<string, Sarif.Replacement[]>();
    for (const result of (first.runs[0].results ?? []).filter((r) => r.ruleId === 'pending-change')) {
      const change = result.fixes?.[0].artifactChanges[0] as Sarif.ArtifactChange;
      const rel = change.artifactLocation.uri as string;
      replacements.set(rel, [...(replacements.get(rel) ?? []), ...change.replacements]);
    }
    const written = exampleRepo();
    expect(cli(written, '.').code).toBe(0);
    expect(replacements.size).toBe(4);
    for (const [rel, list] of replacements) {
      let text = readFileSync(path.join(repo, rel), 'utf8');
      for (const r of [...list].sort((x, y) => (y.deletedRegion.charOffset as number) - (x.deletedRegion.charOffset as number))) {
        const start = r.deletedRegion.charOffset as number;
        text = text.slice(0, start) + (r.insertedContent?.text ?? '') + text.slice(start + (r.deletedRegion.charLength as number));
      }
      expect(text, rel).toBe(readFileSync(path.join(written, rel), 'utf8'));
    }
  });
});

describe('--format markdown', () => {
  it('prints a pull-request report: packages, files with diffs, dashboard steps', () => {
    const result = cli(exampleRepo(), '--check', '--format', 'markdown');
    expect(result.code).toBe(1);
    const md = result.stdout;
    expect(md.startsWith('## auth0-mgmt-codemod\n\n**Work left: 4 files to migrate, 2 open findings, 2 notes.**')).toBe(true);
    expect(md).toContain(
      '| `examples/legacy-spa` (legacy-spa) | `GET /api/v2/users/{id}`<br>`PATCH /api/v2/users/{id}`<br>`POST /api/v2/users/{id}/identities` | `read:current_user` `update:current_user_identities` `update:current_user_metadata` | `https://example-tenant.auth0.com/api/v2/` |',
    );
    expect(md).toContain('#### [`examples/legacy-spa/src/auth.js`](examples/legacy-spa/src/auth.js): would change by webauth-config, management-token');
    expect(md).toContain("+  audience: 'https://example-tenant.auth0.com/api/v2/',");
    expect(md).toContain('| `examples/lock10-spa` (lock10-spa) | `PATCH /api/v2/users/{id}` | none yet: a token flow is blocked and was left alone (see the findings) | — |');
    // The Lock 10 app's findings are open: the report must not yet say to turn off ID tokens.
    expect(md).toContain('Do not turn off **Allow ID Tokens for Management API v2 Authentication** yet: 2 places remain');
    expect(md).not.toContain('### Then, in the Auth0 dashboard');
    const legacyOnly = cli(exampleRepo(), 'examples/legacy-spa', '--check', '--format', 'markdown').stdout;
    expect(legacyOnly).toContain('### Then, in the Auth0 dashboard');
  });
});

describe('GitHub Actions', () => {
  function actionsEnv(summary: string): NodeJS.ProcessEnv {
    return {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: '0123456789abcdef',
    };
  }

  it('annotates findings and pending changes on stderr and appends the Markdown report to the job summary', () => {
    const repo = findingsRepo();
    // A flow of its own that can be migrated: a second token for the Management API.
    writeFileSync(
      path.join(repo, 'src/admin.js'),
      "/* global auth0 */\nexport function adminProfile(webAuth, done) {\n  webAuth.checkSession({ audience: 'https://acme.auth0.com/api/v2/', scope: 'openid', responseType: 'token id_token' }, function (err, r) {\n" +
        "    new auth0.Management({ domain: 'acme.auth0.com', token: r.idToken }).getUser(r.idTokenPayload.sub, done);\n  });\n}\n",
    );
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'admin');
    const summary = path.join(makeTempDir('amc-summary-'), 'summary.md');
    writeFileSync(summary, '# Earlier step\n');
    const result = cliWithEnv(repo, actionsEnv(summary), '--check', '--format', 'sarif');
    expect(result.code).toBe(1);
    // stdout stays the SARIF log alone.
    expect(validate(sarifOf(result.stdout))).toEqual([]);
    const annotations = result.stderr.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toEqual([
      expect.stringMatching(/^::warning file=src\/auth\.js,line=7,col=3,title=custom-audience%3A Login asks for another API::/),
      expect.stringMatching(
        /^::warning file=src\/admin\.js,line=3,endLine=4,title=pending-change%3A webauth-config%2C management-token::The migration would change this; run auth0-mgmt-codemod and commit the result:%0A-/,
      ),
      expect.stringMatching(/^::notice file=src\/admin\.js,line=3,col=3,title=consent-required%3A Users will be asked to consent::/),
    ]);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# Earlier step\n## auth0-mgmt-codemod\n')).toBe(true);
    expect(written).toContain('[line 7](https://github.com/acme/app/blob/0123456789abcdef/src/auth.js#L7)');
    expect(written).toContain('<details><summary>Diff of src/admin.js</summary>');
  });

  it(`shows the most important ${ANNOTATIONS_PER_STEP - 1} and a count when there are more than ${ANNOTATIONS_PER_STEP}`, () => {
    const files: Record<string, string> = { 'package.json': '{ "name": "many" }\n' };
    for (let i = 0; i < 12; i++) {
      files[`src/p${String(i).padStart(2, '0')}.js`] = `/* global auth0 */\nexport function f(idToken, id, cb) {\n  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(id, cb);\n}\n`;
    }
    const repo = makeRepo(files);
    const summary = path.join(makeTempDir('amc-summary-'), 'summary.md');
    const result = cliWithEnv(repo, actionsEnv(summary), '--check');
    const warnings = result.stderr.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(ANNOTATIONS_PER_STEP);
    expect(warnings[0]).toMatch(/^::warning file=src\/p00\.js,line=3,/);
    expect(warnings[9]).toBe(
      '::warning title=auth0-mgmt-codemod%3A 3 more::3 more findings and pending changes are not annotated (GitHub shows 10 per step); the job summary lists them all.',
    );
    expect(readFileSync(summary, 'utf8').match(/finding \[`untraceable-token`\]/g)).toHaveLength(12);
  });

  it('prints no annotations outside GitHub Actions', () => {
    const result = cli(findingsRepo(), '--check');
    expect(result.stderr).not.toContain('::warning');
  });
});

describe('action.yml', () => {
  interface Step {
    id?: string;
    run: string;
    env?: Record<string, string>;
  }
  const action = parseYaml(readFileSync(path.join(PROJECT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: Step[] };
  };

  it('is a composite action whose run step checks the repository, writes SARIF and sets exit-code', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.args.default).toBe('--check');
    const install = action.runs.steps[0];
    expect(install.run).toContain('npm ci --no-audit --no-fund --prefix "$GITHUB_ACTION_PATH"');
    const step = action.runs.steps.find((s) => s.id === 'run') as Step;
    expect(step.env).toEqual({ INPUT_ARGS: '${{ inputs.args }}', INPUT_SARIF_FILE: '${{ inputs.sarif-file }}' });

    // Run the step's script as the runner would, with the inputs in the environment.
    const repo = exampleRepo();
    const scratch = makeTempDir('amc-action-');
    const output = path.join(scratch, 'output');
    const summary = path.join(scratch, 'summary.md');
    writeFileSync(output, '');
    const run = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...outsideGitHubActions(process.env),
        NO_COLOR: '1',
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: PROJECT,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        INPUT_ARGS: '--check examples/legacy-spa/src',
        INPUT_SARIF_FILE: 'codemod.sarif',
      },
    });
    expect(run.status, run.stderr).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    const log = sarifOf(readFileSync(path.join(repo, 'codemod.sarif'), 'utf8'));
    expect(validate(log)).toEqual([]);
    expect((log.runs[0].results ?? []).length).toBeGreaterThan(0);
    expect(run.stderr).toContain('::warning file=examples/legacy-spa/src/auth.js');
    expect(readFileSync(summary, 'utf8')).toContain('## auth0-mgmt-codemod');
  });
});
