import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../../transforms/index';
import { transformModule } from '../../transforms/webauth-config';
import { FIXTURE_ROOT, runOnSource } from '../helpers/fixtures';

/**
 * The migration guide's "Embedded Lock or auth0.js" example (reference/seed-000…md), as its code
 * blocks print it: the old approach must become the new approach's WebAuth exactly, except that
 * the scope keeps `openid` (the app still reads the ID token).
 */
const OLD_APPROACH = `// get an ID Token
    var webAuth = new auth0.WebAuth({
      clientID: '{yourClientId}',
      domain: '{yourDomain}',
      redirectUri: 'https://{yourApp}/callback',
      scope: 'openid',
      responseType: 'id_token'
    });
    // create a new instance
    var auth0Manage = new auth0.Management({
      domain: '{yourDomain}',
      token: '{yourIdToken}'
    });
    auth0Manage.getUser(userId, callback);
`;

const NEW_APPROACH_WEBAUTH = `var webAuth = new auth0.WebAuth({
      clientID: '{yourClientId}',
      domain: '{yourDomain}',
      redirectUri: 'https://{yourApp}/callback',
      audience: 'https://{yourDomain}/api/v2/',
      scope: 'openid read:current_user',
      responseType: 'token id_token'
    });`;

function webAuthStatement(source: string): string {
  const start = source.indexOf('var webAuth');
  return source.slice(start, source.indexOf('});', start) + 3);
}

describe('the seed example', () => {
  it("turns the guide's old WebAuth into its new one, keeping openid", () => {
    const result = runOnSource([transformModule], 'seed.js', OLD_APPROACH);
    expect(result.output).not.toBeNull();
    expect(webAuthStatement(result.output as string)).toBe(NEW_APPROACH_WEBAUTH);
    // Nothing left open; the user will be asked to consent to the Management API audience.
    expect(result.findings.map((f) => [f.line, f.code])).toEqual([[2, 'consent-required']]);
  });

  it('leaves the Management part to the management-token transform', () => {
    const output = runOnSource([transformModule], 'seed.js', OLD_APPROACH).output as string;
    expect(output.slice(output.indexOf('// create a new instance'))).toBe(OLD_APPROACH.slice(OLD_APPROACH.indexOf('// create a new instance')));
  });

  it('gives the same WebAuth for the dedented fixture under every parser', () => {
    const input = readFileSync(join(FIXTURE_ROOT, 'webauth-config', 'seed-auth0js.input.js'), 'utf8');
    const dedented = NEW_APPROACH_WEBAUTH.replace(/\n {4}/g, '\n');
    for (const file of ['seed.js', 'seed.ts', 'seed.tsx']) {
      const output = runOnSource([transformModule], file, input).output as string;
      expect(webAuthStatement(output)).toBe(dedented);
    }
  });

  it('never asks for any-user scopes in a browser login: any-user mode leaves it alone and says why', () => {
    const result = runOnSource(TRANSFORMS, 'seed.js', OLD_APPROACH, { scopeMode: 'any-user' });
    expect(result.output).toBeNull();
    expect(result.findings.map((f) => [f.line, f.code, f.cause])).toEqual([[12, 'backend-only-endpoint', 'any-user-scope-mode']]);
  });
});
