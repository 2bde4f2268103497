import { describe, expect, it } from 'vitest';
import { type FactField, readsAgree, recordingFacts } from '../../src/runner/fact-reads';
import type { PackageFacts } from '../../src/types';

const FACTS: PackageFacts = {
  path: 'packages/web',
  endpoints: ['GET /api/v2/users/{id}'],
  scopes: ['read:current_user'],
  storage: { idTokenKeys: ['id_token'], accessTokenKeys: [], managementTokenKeys: ['id_token'] },
  tenantHosts: ['acme.auth0.com'],
  versions: { auth0Js: '^9.0.0' },
};

describe('recordingFacts', () => {
  it('returns the same values and notes each field read, storage fields one by one', () => {
    const reads = new Set<FactField>();
    const view = recordingFacts(FACTS, reads);
    expect(reads.size).toBe(0);
    expect(view.scopes).toEqual(FACTS.scopes);
    const storage = view.storage;
    expect(reads).toEqual(new Set(['scopes']));
    expect(storage.idTokenKeys).toEqual(['id_token']);
    expect(view.tenantHosts).toEqual(['acme.auth0.com']);
    expect(view.versions.auth0Js).toBe('^9.0.0');
    expect(reads).toEqual(new Set(['scopes', 'storage.idTokenKeys', 'tenantHosts', 'versions']));
  });
});

describe('readsAgree', () => {
  const more: PackageFacts = {
    ...FACTS,
    endpoints: [...FACTS.endpoints, 'POST /api/v2/users/{id}/identities'],
    scopes: ['read:current_user', 'update:current_user_identities'],
  };

  it('holds when only fields that did not change were read', () => {
    expect(readsAgree([], FACTS, more)).toBe(true);
    expect(readsAgree(['storage.idTokenKeys', 'tenantHosts', 'versions', 'path'], FACTS, more)).toBe(true);
  });

  it('fails as soon as one field read changed, order included', () => {
    expect(readsAgree(['tenantHosts', 'scopes'], FACTS, more)).toBe(false);
    const reordered = { ...FACTS, storage: { ...FACTS.storage, idTokenKeys: ['idToken', 'id_token'] } };
    const sorted = { ...FACTS, storage: { ...FACTS.storage, idTokenKeys: ['id_token', 'idToken'] } };
    expect(readsAgree(['storage.idTokenKeys'], reordered, sorted)).toBe(false);
    expect(readsAgree(['storage.managementTokenKeys'], reordered, sorted)).toBe(true);
  });
});
