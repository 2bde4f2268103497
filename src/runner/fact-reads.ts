import type { PackageFacts, StorageFacts } from '../types';

/**
 * Which parts of a package's facts a transform looked at. The runner transforms each file right
 * after parsing it, with the package facts known so far (a guess), and keeps the result when
 * every part the transforms read is the same in the package's final facts: transforms are pure
 * functions of the source, the options and what they read, so the result is then exactly what
 * the final facts give. Otherwise the file is parsed and transformed again. This way a file is
 * parsed once in the common case without holding every tree of a package in memory until the
 * package scan ends.
 */
export type FactField =
  | 'path'
  | 'endpoints'
  | 'scopes'
  | 'tenantHosts'
  | 'versions'
  | 'authWrappers'
  | 'exportedValues'
  | 'storage.idTokenKeys'
  | 'storage.accessTokenKeys'
  | 'storage.managementTokenKeys';

const TOP_FIELDS = ['path', 'endpoints', 'scopes', 'tenantHosts', 'versions', 'authWrappers', 'exportedValues'] as const;
const STORAGE_FIELDS = ['idTokenKeys', 'accessTokenKeys', 'managementTokenKeys'] as const;

/** A view of `facts` that notes in `reads` every field read through it. */
export function recordingFacts(facts: PackageFacts, reads: Set<FactField>): PackageFacts {
  const storage = {} as StorageFacts;
  for (const name of STORAGE_FIELDS) {
    Object.defineProperty(storage, name, {
      enumerable: true,
      get: () => {
        reads.add(`storage.${name}`);
        return facts.storage[name];
      },
    });
  }
  const view = { storage } as PackageFacts;
  for (const name of TOP_FIELDS) {
    Object.defineProperty(view, name, {
      enumerable: true,
      get: () => {
        reads.add(name);
        return facts[name];
      },
    });
  }
  return view;
}

function fieldValue(facts: PackageFacts, field: FactField): unknown {
  switch (field) {
    case 'storage.idTokenKeys':
      return facts.storage.idTokenKeys;
    case 'storage.accessTokenKeys':
      return facts.storage.accessTokenKeys;
    case 'storage.managementTokenKeys':
      return facts.storage.managementTokenKeys;
    default:
      return facts[field];
  }
}

/** True when every field in `reads` has the same value (order included) in both facts. */
export function readsAgree(reads: readonly FactField[], guess: PackageFacts, final: PackageFacts): boolean {
  return reads.every((field) => JSON.stringify(fieldValue(guess, field)) === JSON.stringify(fieldValue(final, field)));
}
