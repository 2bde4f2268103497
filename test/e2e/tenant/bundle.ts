import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './example-app';

/**
 * A browser bundle of an npm package that ships only CommonJS (Lock 10 and 11 publish `lib/`,
 * no `build/`): the bundle sets `window[globalName]` to the package's default export. The
 * official CDN builds are the same sources; the tests serve this one where an app or Auth0's
 * hosted login page would load the CDN script.
 */
export async function bundleForBrowser(packageName: string, globalName: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'amc-bundle-'));
  const entry = join(dir, 'entry.js');
  const resolved = require.resolve(packageName, { paths: [REPO_ROOT] });
  writeFileSync(entry, `import exported from ${JSON.stringify(resolved)};\nwindow[${JSON.stringify(globalName)}] = exported;\n`);
  const file = join(dir, `${globalName}.js`);
  const { build } = await import('rolldown');
  await build({
    input: entry,
    cwd: REPO_ROOT,
    platform: 'browser',
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    // Lock 10's CommonJS and Node's `util` polyfill read `global`, process.env and process flags.
    output: { file, format: 'iife', minify: true, intro: "var process = { env: { NODE_ENV: 'production' }, browser: true }; var global = window;" },
  });
  return file;
}
