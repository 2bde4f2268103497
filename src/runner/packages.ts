import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PackageFacts } from '../types';

type Versions = PackageFacts['versions'];

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * Maps files to their package: the folder of the nearest `package.json` at or above the file
 * and at or below the run root; the run root itself when there is none. Lookups are cached, so
 * a tree of thousands of files costs one `existsSync` per folder.
 */
export class PackageIndex {
  private readonly manifestPresent = new Map<string, boolean>();
  private readonly manifestCache = new Map<string, Manifest>();

  packageDirFor(absoluteFile: string, root: string): string {
    for (let dir = path.dirname(absoluteFile); ; dir = path.dirname(dir)) {
      if (this.hasManifest(dir)) return dir;
      if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) return root;
    }
  }

  /** The auth0-js and auth0-lock version ranges a package declares, if any. */
  versionsOf(packageDir: string): Versions {
    return this.manifestOf(packageDir).versions;
  }

  /** The package's `name`, if its package.json has one. */
  nameOf(packageDir: string): string | undefined {
    return this.manifestOf(packageDir).name;
  }

  private manifestOf(packageDir: string): Manifest {
    let manifest = this.manifestCache.get(packageDir);
    if (!manifest) {
      manifest = readManifest(path.join(packageDir, 'package.json'));
      this.manifestCache.set(packageDir, manifest);
    }
    return manifest;
  }

  private hasManifest(dir: string): boolean {
    let present = this.manifestPresent.get(dir);
    if (present === undefined) {
      present = existsSync(path.join(dir, 'package.json'));
      this.manifestPresent.set(dir, present);
    }
    return present;
  }
}

interface Manifest {
  versions: Versions;
  name?: string;
}

function readManifest(manifestPath: string): Manifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return { versions: {} };
  }
  if (typeof manifest !== 'object' || manifest === null) return { versions: {} };
  const name = (manifest as Record<string, unknown>).name;
  const versions: Versions = {};
  for (const field of DEPENDENCY_FIELDS) {
    const deps = (manifest as Record<string, unknown>)[field];
    if (typeof deps !== 'object' || deps === null) continue;
    const record = deps as Record<string, unknown>;
    if (versions.auth0Js === undefined && typeof record['auth0-js'] === 'string') versions.auth0Js = record['auth0-js'];
    if (versions.auth0Lock === undefined && typeof record['auth0-lock'] === 'string') versions.auth0Lock = record['auth0-lock'];
  }
  return typeof name === 'string' && name !== '' ? { versions, name } : { versions };
}
