import { describe, expect, it } from 'vitest';
import { classifyHost, isManagementAudience, isUserinfoAudience, managementAudienceForHost } from '../../src/catalog/audience';
import { adviceFor, docsLink, FINDING_CAUSES, FINDING_CODES, FINDING_KINDS } from '../../src/catalog/findings';
import { ENDPOINTS, MANAGEMENT_METHODS, matchEndpoint, mergeScopeString, parseScopeList, scopesForEndpoints } from '../../src/catalog/scopes';

describe('scope catalog', () => {
  it('covers every endpoint of the guide with both modes', () => {
    expect(ENDPOINTS.map((e) => e.id)).toEqual([
      'GET /api/v2/users/{id}',
      'GET /api/v2/users/{id}/enrollments',
      'POST /api/v2/users/{id}/identities',
      'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}',
      'PATCH /api/v2/users/{id}',
      'DELETE /api/v2/users/{id}/multifactor/{provider}',
      'POST /api/v2/device-credentials',
      'DELETE /api/v2/device-credentials/{id}',
      'GET /api/v2/users',
      'GET /api/v2/users-by-email',
    ]);
    // What a signed-in user's token can call: the rest is left for a backend.
    const browser = ENDPOINTS.filter((e) => e.browser).map((e) => e.id);
    expect(ENDPOINTS.filter((e) => !e.browser).map((e) => e.id)).toEqual([
      'DELETE /api/v2/users/{id}/multifactor/{provider}',
      'GET /api/v2/users',
      'GET /api/v2/users-by-email',
    ]);
    expect(scopesForEndpoints(browser, 'current-user')).toEqual([
      'read:current_user',
      'update:current_user_identities',
      'update:current_user_metadata',
      'create:current_user_device_credentials',
      'delete:current_user_device_credentials',
    ]);
    expect(scopesForEndpoints(ENDPOINTS.map((e) => e.id), 'any-user')).toEqual([
      'create:current_user_device_credentials',
      'read:users',
      'update:users',
      'delete:device_credentials',
    ]);
  });

  it('maps the four auth0.js Management methods', () => {
    expect(scopesForEndpoints(Object.values(MANAGEMENT_METHODS), 'current-user')).toEqual([
      'read:current_user',
      'update:current_user_identities',
      'update:current_user_metadata',
    ]);
  });

  it('matches raw paths by method', () => {
    expect(matchEndpoint('patch', '/users/{}')?.id).toBe('PATCH /api/v2/users/{id}');
    expect(matchEndpoint('DELETE', '/users/{}/identities/{}/{}')?.id).toBe('DELETE /api/v2/users/{id}/identities/{provider}/{user_id}');
    expect(matchEndpoint('GET', '/clients')).toBeUndefined();
    expect(matchEndpoint('PUT', '/users/{}')).toBeUndefined();
  });
});

describe('mergeScopeString', () => {
  it('keeps existing scopes and their order, appends missing ones in catalog order', () => {
    expect(mergeScopeString('openid email', ['update:current_user_metadata', 'read:current_user'])).toBe(
      'openid email read:current_user update:current_user_metadata',
    );
  });
  it('writes openid profile email when no scope was set', () => {
    expect(mergeScopeString(undefined, ['read:current_user'])).toBe('openid profile email read:current_user');
  });
  it('is idempotent and leaves complete strings untouched, spacing included', () => {
    const once = mergeScopeString('openid  profile', ['read:current_user']);
    expect(mergeScopeString(once, ['read:current_user'])).toBe(once);
    expect(mergeScopeString('openid  read:current_user ', ['read:current_user'])).toBe('openid  read:current_user ');
  });
  it('parses --scopes lists', () => {
    expect(parseScopeList('read:current_user, update:current_user_metadata')).toEqual(['read:current_user', 'update:current_user_metadata']);
    expect(parseScopeList(['a b', 'c'])).toEqual(['a', 'b', 'c']);
  });
});

describe('audience rules', () => {
  it('classifies hosts', () => {
    expect(classifyHost('acme.auth0.com')).toBe('tenant');
    expect(classifyHost('acme.eu.auth0.com')).toBe('tenant');
    expect(classifyHost('https://acme.au.auth0.com/')).toBe('tenant');
    expect(classifyHost('{yourDomain}')).toBe('placeholder');
    expect(classifyHost('login.acme.com')).toBe('custom-domain');
    expect(classifyHost('')).toBe('invalid');
  });
  it('builds the audience with its trailing slash', () => {
    expect(managementAudienceForHost('acme.eu.auth0.com')).toBe('https://acme.eu.auth0.com/api/v2/');
  });
  it('recognises Management and userinfo audiences', () => {
    expect(isManagementAudience('https://acme.auth0.com/api/v2/')).toBe(true);
    expect(isManagementAudience('https://api.acme.com')).toBe(false);
    expect(isUserinfoAudience('https://acme.auth0.com/userinfo')).toBe(true);
  });
});

describe('finding causes', () => {
  it('each cause belongs to a code and has advice of its own; a finding without one gets its code’s', () => {
    for (const [cause, kind] of Object.entries(FINDING_CAUSES)) {
      expect(FINDING_CODES, cause).toContain(kind.code);
      expect(kind.advice.length, cause).toBeGreaterThan(40);
      expect(adviceFor(kind.code, cause)).toEqual({ label: kind.label, advice: kind.advice });
    }
    expect(adviceFor('unresolved-config')).toEqual({ label: null, advice: FINDING_KINDS['unresolved-config'].whatToDo });
    // A cause written for another code does not borrow that code's advice.
    expect(adviceFor('custom-domain', 'lock10-get-profile').label).toBeNull();
    expect(docsLink('custom-domain')).toBe('README.md#custom-domain');
  });
});
