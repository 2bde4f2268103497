import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Tool } from '@manypkg/get-packages' with { 'resolution-mode': 'import' };
import type * as HtmlParser from 'htmlparser2';
import type { PackageFacts } from '../types';
import { readRegularTextFile } from './read';

type Versions = PackageFacts['versions'];
type Library = keyof Versions;

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Manifests whose folder is a package of its own where no workspace says otherwise. */
const MANIFESTS = ['package.json', 'bower.json'] as const;

/**
 * Folders that hold a package's own page (`public/index.html` of Create React App and Vue CLI,
 * `src/index.html` of Angular, `www/` of Cordova): an `index.html` directly in one of them, right
 * under a manifest, belongs to that package instead of starting an app of its own.
 */
const PAGE_FOLDERS: ReadonlySet<string> = new Set(['public', 'src', 'static', 'www', 'app', 'client', 'web']);

/** Files besides package.json (`workspaces`) that declare a monorepo's packages. */
const WORKSPACE_FILES = ['pnpm-workspace.yaml', 'lerna.json', 'rush.json'] as const;

/** npm and bower names of the libraries whose versions matter (bower calls auth0.js `auth0.js`). */
const DEPENDENCY_NAMES: Readonly<Record<string, Library>> = {
  'auth0-js': 'auth0Js',
  'auth0.js': 'auth0Js',
  'auth0-lock': 'auth0Lock',
};

/** A workspace package a monorepo declares. */
export interface WorkspacePackage {
  dir: string;
  /** its package.json `name`; undefined when it has none */
  name: string | undefined;
}

/** How a folder is loaded as a workspace root; the manypkg tools do the actual reading. */
interface WorkspaceLoader {
  tools: readonly Tool[];
  getPackages(dir: string): Promise<WorkspacePackage[]>;
}

let loader: Promise<WorkspaceLoader> | undefined;

/**
 * @manypkg/get-packages and its tools are ES modules, loaded on the first run that has candidate
 * files. manypkg recognises npm, yarn and bun workspaces only next to their lock file; a
 * repository that declares `workspaces` without committing one is still a monorepo, so a last
 * tool reads the declaration alone (with the yarn tool's reader, which takes both the array and
 * the `{ packages: [...] }` form).
 */
function workspaceLoader(): Promise<WorkspaceLoader> {
  loader ??= (async () => {
    const { getPackages } = await import('@manypkg/get-packages');
    const { YarnTool, PnpmTool, NpmTool, BunTool, LernaTool, RushTool } = await import('@manypkg/tools');
    const declaredWorkspaces: Tool = {
      type: 'workspaces',
      async isMonorepoRoot(dir) {
        return declaresWorkspaces(dir);
      },
      isMonorepoRootSync: declaresWorkspaces,
      getPackages: (dir) => YarnTool.getPackages(dir),
      getPackagesSync: (dir) => YarnTool.getPackagesSync(dir),
    };
    const tools: Tool[] = [YarnTool, PnpmTool, NpmTool, BunTool, LernaTool, RushTool, declaredWorkspaces];
    return {
      tools,
      async getPackages(dir) {
        let found;
        try {
          found = await getPackages(dir, { tools });
        } catch {
          // get-packages refuses a workspace whose packages lack a `name`; they are packages all
          // the same (only `--package` cannot pick them), so read them with the tool itself.
          const tool = await firstTool(tools, dir);
          if (!tool) return [];
          found = await tool.getPackages(dir);
        }
        return found.packages.map((p) => ({ dir: p.dir, name: typeof p.packageJson.name === 'string' ? p.packageJson.name : undefined }));
      },
    };
  })();
  return loader;
}

async function firstTool(tools: readonly Tool[], dir: string): Promise<Tool | undefined> {
  for (const tool of tools) if (await tool.isMonorepoRoot(dir).catch(() => false)) return tool;
  return undefined;
}

function declaresWorkspaces(dir: string): boolean {
  const manifest = readJson(path.join(dir, 'package.json'));
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) return true;
  return typeof workspaces === 'object' && workspaces !== null && Array.isArray((workspaces as Record<string, unknown>).packages);
}

/**
 * Maps files to their package. Where the repository declares workspaces (npm, yarn, pnpm, bun,
 * lerna, rush), a file inside a workspace package belongs to it. Any other file belongs to the
 * nearest folder at or above it that holds a `package.json`, a `bower.json` or an `index.html`
 * (sample repositories hold many apps side by side, some with no manifest at all), at or below
 * the run root; else to the run root. An `index.html` in a package's own page folder (see
 * PAGE_FOLDERS) does not count: it is that package's page. Lookups are cached per folder.
 *
 * `prepare` must have seen the candidates' folders before `packageDirFor` is asked about them:
 * finding the workspace roots reads files asynchronously.
 */
export class PackageIndex {
  private readonly boundary = new Map<string, boolean>();
  private readonly manifest = new Map<string, boolean>();
  private readonly resolved = new Map<string, string>();
  /** workspace package folders → their names */
  private readonly workspacePackages = new Map<string, string | undefined>();
  private readonly checkedRoots = new Set<string>();
  private readonly versionCache = new Map<string, Versions>();
  /** HTML files read, with the library versions their `<script src>` tags load */
  private readonly scriptVersions = new Map<string, Versions>();

  /**
   * Finds the workspace roots among the folders from each file's folder up to its run root, and
   * loads their packages.
   */
  async prepare(files: Iterable<{ absolutePath: string; root: string }>): Promise<void> {
    const folders = new Set<string>();
    for (const { absolutePath, root } of files) {
      for (let dir = path.dirname(absolutePath); isInside(root, dir); dir = path.dirname(dir)) {
        if (this.checkedRoots.has(dir) || folders.has(dir)) break;
        folders.add(dir);
        if (dir === root) break;
      }
    }
    for (const dir of folders) this.checkedRoots.add(dir);
    // A few stats per folder rule out almost every folder; manypkg (an ES module graph that takes
    // tens of milliseconds to load) is asked only about those that may declare workspaces.
    const possible = [...folders].filter((dir) => this.mayDeclareWorkspaces(dir));
    if (possible.length === 0) return;
    const { tools, getPackages } = await workspaceLoader();
    const roots = (await Promise.all(possible.map(async (dir) => ((await firstTool(tools, dir)) ? dir : null)))).filter(
      (dir): dir is string => dir !== null,
    );
    for (const root of roots.sort()) {
      for (const pkg of await getPackages(root)) this.workspacePackages.set(pkg.dir, pkg.name);
    }
    this.resolved.clear();
  }

  /** The package folder of a file found under `root`. */
  packageDirFor(absoluteFile: string, root: string): string {
    const start = path.dirname(absoluteFile);
    const known = this.resolved.get(start);
    if (known !== undefined) return known;
    let nearest: string | undefined;
    let found: string | undefined;
    for (let dir = start; ; dir = path.dirname(dir)) {
      // A workspace package holds all of its folders, app folders inside it included.
      if (this.workspacePackages.has(dir)) {
        found = dir;
        break;
      }
      if (nearest === undefined && this.isBoundary(dir)) nearest = dir;
      if (dir === root || path.dirname(dir) === dir || !isInside(root, dir)) break;
    }
    found ??= nearest ?? root;
    this.resolved.set(start, found);
    return found;
  }

  /** The package's `name` (workspace package, else package.json or bower.json), if it has one. */
  nameOf(packageDir: string): string | undefined {
    if (this.workspacePackages.has(packageDir)) return this.workspacePackages.get(packageDir);
    for (const manifest of MANIFESTS) {
      const name = readJson(path.join(packageDir, manifest))?.name;
      if (typeof name === 'string' && name !== '') return name;
    }
    return undefined;
  }

  /** Every package name this index knows of: the workspace packages' and those of `dirs`. */
  knownNames(dirs: Iterable<string>): string[] {
    const names = new Set<string>();
    for (const name of this.workspacePackages.values()) if (name !== undefined) names.add(name);
    for (const dir of dirs) {
      const name = this.nameOf(dir);
      if (name !== undefined) names.add(name);
    }
    return [...names].sort();
  }

  /**
   * Notes the library versions an HTML file loads from a CDN (`<script src>`), for the package
   * the file belongs to. Call it for every HTML file read, before the versions are asked for.
   */
  noteHtml(absolutePath: string, text: string): void {
    const versions = scriptTagVersions(text);
    if (versions.auth0Js === undefined && versions.auth0Lock === undefined) return;
    this.scriptVersions.set(absolutePath, versions);
    this.versionCache.clear();
  }

  /**
   * The auth0-js and auth0-lock versions a package uses: declared in its package.json or
   * bower.json (or, for an app folder inside another package, the nearest manifest above it),
   * else loaded by `<script src>` tags in its HTML files.
   */
  versionsOf(packageDir: string, root: string = packageDir): Versions {
    const cached = this.versionCache.get(packageDir);
    if (cached) return cached;
    const versions: Versions = { ...this.cdnVersionsOf(packageDir, root) };
    const declared = declaredVersions(packageDir, root, this.workspacePackages.has(packageDir));
    if (declared.auth0Js !== undefined) versions.auth0Js = declared.auth0Js;
    if (declared.auth0Lock !== undefined) versions.auth0Lock = declared.auth0Lock;
    this.versionCache.set(packageDir, versions);
    return versions;
  }

  /**
   * The versions the package's HTML files load. When its pages load different major versions of
   * a library, the version is left unknown: the transforms then take the careful path.
   */
  private cdnVersionsOf(packageDir: string, root: string): Versions {
    const seen: Record<Library, string[]> = { auth0Js: [], auth0Lock: [] };
    for (const [file, versions] of this.scriptVersions) {
      if (this.packageDirFor(file, root) !== packageDir) continue;
      if (versions.auth0Js !== undefined) seen.auth0Js.push(versions.auth0Js);
      if (versions.auth0Lock !== undefined) seen.auth0Lock.push(versions.auth0Lock);
    }
    const out: Versions = {};
    for (const library of ['auth0Js', 'auth0Lock'] as const) {
      const list = [...new Set(seen[library])].sort();
      if (list.length > 0 && new Set(list.map(majorOf)).size === 1) out[library] = list[0];
    }
    return out;
  }

  /** Whether a folder holds a file that can declare workspaces (what the manypkg tools read). */
  private mayDeclareWorkspaces(dir: string): boolean {
    if (WORKSPACE_FILES.some((name) => existsSync(path.join(dir, name)))) return true;
    if (!existsSync(path.join(dir, 'package.json'))) return false;
    try {
      return (readRegularTextFile(path.join(dir, 'package.json')) ?? '').includes('"workspaces"');
    } catch {
      return false;
    }
  }

  /** A folder with a manifest, or an app folder: an index.html that is not its package's own page. */
  private isBoundary(dir: string): boolean {
    let boundary = this.boundary.get(dir);
    if (boundary === undefined) {
      boundary =
        this.hasManifest(dir) ||
        (existsSync(path.join(dir, 'index.html')) && !(PAGE_FOLDERS.has(path.basename(dir)) && this.hasManifest(path.dirname(dir))));
      this.boundary.set(dir, boundary);
    }
    return boundary;
  }

  private hasManifest(dir: string): boolean {
    let present = this.manifest.get(dir);
    if (present === undefined) {
      present = MANIFESTS.some((name) => existsSync(path.join(dir, name)));
      this.manifest.set(dir, present);
    }
    return present;
  }
}

function majorOf(version: string): string {
  return /\d+/.exec(version)?.[0] ?? version;
}

/** Versions from the package's manifests; an app folder without one takes the nearest above it. */
function declaredVersions(packageDir: string, root: string, isWorkspacePackage: boolean): Versions {
  for (let dir = packageDir; isInside(root, dir); dir = path.dirname(dir)) {
    const manifests = MANIFESTS.map((name) => readJson(path.join(dir, name)));
    if (manifests.some((m) => m !== undefined)) {
      const versions: Versions = {};
      for (const manifest of manifests) if (manifest) addDependencyVersions(manifest, versions);
      return versions;
    }
    if (isWorkspacePackage || dir === root || path.dirname(dir) === dir) break;
  }
  return {};
}

function addDependencyVersions(manifest: Record<string, unknown>, versions: Versions): void {
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (typeof deps !== 'object' || deps === null) continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      const library = DEPENDENCY_NAMES[name];
      if (library !== undefined && versions[library] === undefined && typeof range === 'string') versions[library] = range;
    }
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  // Only a regular file: a named pipe under a manifest's name would never finish reading.
  const text = readRegularTextFile(file);
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

/**
 * Script URLs that name a library version, and which library: Auth0's CDN
 * (`cdn.auth0.com/js/lock/11.3.0/lock.min.js`, `/js/auth0/9.5.1/auth0.min.js`,
 * `/js/lock-10.x.min.js`, `/w2/auth0-7.6.1.min.js`) and the npm CDNs
 * (`unpkg.com/auth0-js@8`, `cdn.jsdelivr.net/npm/auth0-lock@11/…`,
 * `cdnjs.cloudflare.com/ajax/libs/auth0-js/8.0.0/…`, jsdelivr's `gh/auth0/lock@v11.3.0`).
 */
const SCRIPT_URL_VERSIONS: readonly { pattern: RegExp; library: Library }[] = [
  { pattern: /\/js\/lock\/v?(\d[\w.-]*)\//i, library: 'auth0Lock' },
  { pattern: /\/js\/lock-(\d+(?:\.(?:\d+|x))*)(?:\.min)?\.js/i, library: 'auth0Lock' },
  { pattern: /\/js\/auth0\/v?(\d[\w.-]*)\//i, library: 'auth0Js' },
  { pattern: /\/auth0-(\d+(?:\.(?:\d+|x))*)(?:\.min)?\.js/i, library: 'auth0Js' },
  { pattern: /\bauth0-lock[@/][\^~=v]*(\d[\w.-]*)/i, library: 'auth0Lock' },
  { pattern: /\bauth0\/lock@[\^~=v]*(\d[\w.-]*)/i, library: 'auth0Lock' },
  { pattern: /\bauth0[-.]js[@/][\^~=v]*(\d[\w.-]*)/i, library: 'auth0Js' },
];

/** The library a script URL loads and its version, if the URL says. */
export function versionFromScriptUrl(url: string): { library: Library; version: string } | undefined {
  if (/lock-passwordless|auth0-lock-passwordless/i.test(url)) return undefined;
  for (const { pattern, library } of SCRIPT_URL_VERSIONS) {
    const match = pattern.exec(url);
    if (match) return { library, version: match[1].replace(/[.-]+$/, '') };
  }
  return undefined;
}

let htmlParser: typeof HtmlParser | undefined;

/** The versions the `<script src>` tags of an HTML text load (the first tag per library wins). */
export function scriptTagVersions(html: string): Versions {
  const versions: Versions = {};
  if (!/<script/i.test(html)) return versions;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  htmlParser ??= require('htmlparser2') as typeof HtmlParser;
  const parser = new htmlParser.Parser(
    {
      onopentag(name, attributes) {
        if (name !== 'script' || typeof attributes.src !== 'string') return;
        const found = versionFromScriptUrl(attributes.src);
        if (found && versions[found.library] === undefined) versions[found.library] = found.version;
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return versions;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
