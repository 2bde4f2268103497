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
  | 'storage.idTokenKeys'
  | 'storage.accessTokenKeys'
  | 'storage.managementTokenKeys';

/** A view of `facts` that notes in `reads` every field read through it. */
export function recordingFacts(facts: PackageFacts, reads: Set<FactField>): PackageFacts {
  const storage: StorageFacts = {
    get idTokenKeys() {
      reads.add('storage.idTokenKeys');
      return facts.storage.idTokenKeys;
    },
    get accessTokenKeys() {
      reads.add('storage.accessTokenKeys');
      return facts.storage.accessTokenKeys;
    },
    get managementTokenKeys() {
      reads.add('storage.managementTokenKeys');
      return facts.storage.managementTokenKeys;
    },
  };
  return {
    get path() {
      reads.add('path');
      return facts.path;
    },
    get endpoints() {
      reads.add('endpoints');
      return facts.endpoints;
    },
    get scopes() {
      reads.add('scopes');
      return facts.scopes;
    },
    get tenantHosts() {
      reads.add('tenantHosts');
      return facts.tenantHosts;
    },
    get versions() {
      reads.add('versions');
      return facts.versions;
    },
    storage,
  };
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
