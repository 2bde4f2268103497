import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { collectFileFacts, declaredMajor, mergePackageFacts } from '../../src/analysis/facts';

function facts(source: string, parser = 'babel') {
  const j = jscodeshift.withParser(parser);
  return collectFileFacts(j, j(source));
}

describe('collectFileFacts', () => {
  it('finds auth0.js Management methods through a variable, a field and a factory', () => {
    const f = facts(`
      var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });
      auth0Manage.getUser(id, cb);
      class Profile { constructor() { this.client = new auth0.Management({ domain, token }); }
        save() { this.client.patchUserMetadata(id, { a: 1 }, cb); } }
      function mgmt() { return new auth0.Management({ domain, token: t }); }
      mgmt().linkUser(id, secondary, cb);
      userService.getUser(1);
    `);
    expect(f.endpoints).toEqual([
      'GET /api/v2/users/{id}',
      'PATCH /api/v2/users/{id}',
      'POST /api/v2/users/{id}/identities',
    ]);
    expect(f.storage.managementTokenKeys).toEqual(['id_token']);
  });

  it('finds imported Management classes and node-auth0 clients', () => {
    const f = facts(`
      import { Management as M } from 'auth0-js';
      const { ManagementClient } = require('auth0');
      const m = new M({ domain, token });
      m.patchUserAttributes(id, {}, cb);
      const client = new ManagementClient({ domain, token });
      client.unlinkUsers({ id, provider, user_id }, cb);
    `, 'ts');
    expect(f.endpoints).toEqual([
      'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}',
      'PATCH /api/v2/users/{id}',
    ]);
  });

  it('finds raw HTTP calls by method and path', () => {
    const f = facts(`
      const base = 'https://' + DOMAIN + '/api/v2/';
      fetch(base + 'users/' + id, { headers: { Authorization: 'Bearer ' + localStorage.getItem('token') } });
      fetch(\`https://\${DOMAIN}/api/v2/users/\${id}/enrollments\`);
      axios.delete('https://acme.auth0.com/api/v2/users/' + id + '/multifactor/duo');
      $.ajax({ type: 'POST', url: 'https://' + DOMAIN + '/api/v2/users/' + id + '/identities', data: { link_with: t } });
      $http({ method: 'DELETE', url: 'https://' + D + '/api/v2/device-credentials/' + cid });
      request.post('https://' + D + '/api/v2/device-credentials').send(body);
      fetch('https://' + D + '/api/v2/clients');
    `);
    expect(f.endpoints).toEqual([
      'DELETE /api/v2/device-credentials/{id}',
      'DELETE /api/v2/users/{id}/multifactor/{provider}',
      'GET /api/v2/users/{id}',
      'GET /api/v2/users/{id}/enrollments',
      'POST /api/v2/device-credentials',
      'POST /api/v2/users/{id}/identities',
    ]);
    expect(f.storage.managementTokenKeys).toEqual(['token']);
  });

  it('learns where ID and access tokens are stored', () => {
    const f = facts(`
      webAuth.parseHash(function (err, authResult) {
        localStorage.setItem('id_token', authResult.idToken);
        window.sessionStorage.setItem('at', authResult.accessToken);
        localStorage.jwt = authResult.id_token;
      });
    `);
    expect(f.storage.idTokenKeys).toEqual(['id_token', 'jwt']);
    expect(f.storage.accessTokenKeys).toEqual(['at']);
    expect(f.endpoints).toEqual([]);
  });
});

describe('mergePackageFacts', () => {
  it('unions endpoints and gives scopes in catalog order per mode', () => {
    const a = { endpoints: ['PATCH /api/v2/users/{id}'], methodEndpoints: [], storage: { idTokenKeys: ['id_token'], accessTokenKeys: [], managementTokenKeys: [] } };
    const b = { endpoints: ['GET /api/v2/users/{id}', 'POST /api/v2/users/{id}/identities'], methodEndpoints: [], storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: ['id_token'] } };
    expect(mergePackageFacts('web', [a, b], 'current-user').scopes).toEqual([
      'read:current_user',
      'update:current_user_identities',
      'update:current_user_metadata',
    ]);
    expect(mergePackageFacts('web', [a, b], 'any-user').scopes).toEqual(['read:users', 'update:users']);
  });
});

describe('tenant hosts', () => {
  it('collects literal tenant hosts of login clients, directly or through a constant', () => {
    const j = jscodeshift.withParser('babel');
    const source = `
      var DOMAIN = 'acme.eu.auth0.com';
      var webAuth = new auth0.WebAuth({ domain: DOMAIN, clientID: 'x' });
      var lock = new Auth0Lock('id', 'acme.auth0.com', {});
      var custom = new auth0.WebAuth({ domain: 'login.acme.com', clientID: 'x' });
      var dynamic = new auth0.WebAuth({ domain: config.domain, clientID: 'x' });
    `;
    const f = collectFileFacts(j, j(source));
    expect(f.tenantHosts).toEqual(['acme.eu.auth0.com', 'acme.auth0.com']);
    expect(mergePackageFacts('.', [f, { ...f, tenantHosts: ['acme.auth0.com'] }], 'current-user').tenantHosts).toEqual([
      'acme.auth0.com',
      'acme.eu.auth0.com',
    ]);
  });
});

describe('login facts for the Dashboard steps', () => {
  it('collects the client IDs login configs name, literally or through a constant, and whether Lock logs in', () => {
    const webAuth = facts("new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'web-client', responseType: 'id_token' });");
    expect(webAuth).toMatchObject({ clientIds: ['web-client'], embeddedLogin: false });
    const lock = facts("const CLIENT = 'lock-client';\nvar lock = new Auth0Lock(CLIENT, 'acme.auth0.com', {});");
    expect(lock).toMatchObject({ clientIds: ['lock-client'], embeddedLogin: true });
    const provider = facts("lockProvider.init({ clientID: 'angular-client', domain: 'acme.auth0.com' });");
    expect(provider).toMatchObject({ clientIds: ['angular-client'], embeddedLogin: true });
    expect(facts('new auth0.WebAuth({ domain: d, clientID: process.env.CLIENT_ID });').clientIds).toEqual([]);
    expect(facts("fetch('https://acme.auth0.com/api/v2/users/1');").clientIds).toBeUndefined();
  });
});

describe('declaredMajor', () => {
  it('reads the major version of the ranges and specs package.json files use', () => {
    expect(declaredMajor('^8.12.0')).toBe(8);
    expect(declaredMajor('~9')).toBe(9);
    expect(declaredMajor('>=8 <10')).toBe(8);
    expect(declaredMajor('v11.35.0')).toBe(11);
    expect(declaredMajor('npm:auth0-js@^8.0.0')).toBe(8);
    expect(declaredMajor('github:auth0/auth0.js#v8.12.0')).toBe(8);
    expect(declaredMajor('latest')).toBeUndefined();
    expect(declaredMajor('*')).toBeUndefined();
    expect(declaredMajor(undefined)).toBeUndefined();
  });
});
