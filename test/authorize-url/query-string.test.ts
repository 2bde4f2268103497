import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeQueryComponent,
  detectEncoding,
  encodeQueryValue,
  migrateQueryString,
  parseQuery,
  planQueryEdits,
} from '../../src/ast/query-string';
import { mergeScopeString, SCOPE_ORDER } from '../../src/catalog/scopes';

const MIGRATED = new Set(['audience', 'scope', 'response_type']);

/** A parameter the migration must not touch: a key of its own and an already-encoded value. */
const otherParam = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((key) => !MIGRATED.has(key)),
    fc.oneof(
      fc.string({ maxLength: 12 }).map((value) => encodeURIComponent(value)),
      fc.string({ maxLength: 12 }).map((value) => encodeURIComponent(value).replace(/%20/g, '+')),
      fc.constantFrom('https://app.example.com/callback', 'https%3A%2F%2Fapp.example.com%2Fcb', '{nonce}', ''),
    ),
  )
  .map(([key, value]) => `${key}=${value}`);

const scopeParam = fc
  .tuple(fc.subarray(['openid', 'profile', 'email', 'read:current_user', 'offline_access'], { minLength: 0 }), fc.constantFrom('%20', '+'))
  .map(([scopes, space]) => `scope=${scopes.join(space)}`);

const audienceParam = fc.constantFrom('audience=https://acme.auth0.com/userinfo', 'audience=https%3A%2F%2Facme.auth0.com%2Fuserinfo', 'audience=');

interface GeneratedQuery {
  query: string;
  others: string[];
}

/** Other parameters with `response_type=id_token` and maybe `scope` / `audience` at random places. */
function queryWith(separator: fc.Arbitrary<string>, lead: fc.Arbitrary<string>): fc.Arbitrary<GeneratedQuery> {
  return fc
    .record({
      others: fc.array(otherParam, { maxLength: 6 }),
      scope: fc.option(scopeParam, { nil: undefined }),
      audience: fc.option(audienceParam, { nil: undefined }),
      positions: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      separators: fc.array(separator, { minLength: 10, maxLength: 10 }),
      lead,
    })
    .map(({ others, scope, audience, positions, separators, lead }) => {
      const parts = [...others];
      const place = (param: string | undefined, at: number): void => {
        if (param !== undefined) parts.splice(at % (parts.length + 1), 0, param);
      };
      place('response_type=id_token', positions[0]);
      place(scope, positions[1]);
      place(audience, positions[2]);
      const query = lead + parts.map((part, i) => (i === 0 ? part : separators[i % separators.length] + part)).join('');
      return { query, others };
    });
}

const plainQuery = queryWith(fc.constant('&'), fc.constant(''));
const laidOutQuery = queryWith(fc.constantFrom('&', '\n      &', '&\n  ', ' & '), fc.constantFrom('', '\n      '));
const scopes = fc.subarray(SCOPE_ORDER as string[], { minLength: 1, maxLength: 4 });
const audience = fc.constantFrom('https://acme.auth0.com/api/v2/', 'https://acme.eu.auth0.com/api/v2/', 'https://{yourDomain}/api/v2/');

/** The raw `key=value` texts of the parameters the migration must leave alone, in order. */
function untouched(query: string): string[] {
  return parseQuery(query)
    .filter((p) => !MIGRATED.has(p.name))
    .map((p) => query.slice(p.start, p.end));
}

describe('query-string editing (properties)', () => {
  it('keeps every other parameter byte for byte and in order', () => {
    fc.assert(
      fc.property(laidOutQuery, scopes, audience, ({ query, others }, add, aud) => {
        const migrated = migrateQueryString(query, { audience: aud, scopes: add });
        expect(untouched(migrated)).toEqual(others);
        expect(untouched(query)).toEqual(others);
      }),
    );
  });

  it('editing twice equals editing once', () => {
    fc.assert(
      fc.property(laidOutQuery, scopes, audience, ({ query }, add, aud) => {
        const once = migrateQueryString(query, { audience: aud, scopes: add });
        expect(migrateQueryString(once, { audience: aud, scopes: add })).toBe(once);
      }),
    );
  });

  it('parses back with URLSearchParams to the expected values', () => {
    fc.assert(
      fc.property(plainQuery, scopes, audience, ({ query }, add, aud) => {
        const before = new URLSearchParams(query);
        const after = new URLSearchParams(migrateQueryString(query, { audience: aud, scopes: add }));
        expect(after.get('response_type')).toBe('token id_token');
        expect(after.get('audience')).toBe(aud);
        expect(after.getAll('audience')).toHaveLength(1);
        const oldScope = before.get('scope');
        expect(after.get('scope')).toBe(mergeScopeString(oldScope === null ? undefined : oldScope, add));
        const others = (params: URLSearchParams): [string, string][] => [...params.entries()].filter(([key]) => !MIGRATED.has(key));
        expect(others(after)).toEqual(others(before));
      }),
    );
  });

  it('keeps openid and every scope already asked for', () => {
    fc.assert(
      fc.property(plainQuery, scopes, audience, ({ query }, add, aud) => {
        const before = (new URLSearchParams(query).get('scope') ?? 'openid').split(' ').filter(Boolean);
        const after = (new URLSearchParams(migrateQueryString(query, { audience: aud, scopes: add })).get('scope') ?? '').split(' ');
        for (const scope of [...before, ...add]) expect(after).toContain(scope);
      }),
    );
  });

  it('leaves queries that do not ask for an ID token alone unchanged', () => {
    const responseType = fc.constantFrom('code', 'token', 'token%20id_token', 'id_token+token', 'code%20id_token', '');
    fc.assert(
      fc.property(fc.array(otherParam, { maxLength: 5 }), responseType, scopes, (others, type, add) => {
        const query = [...others, `response_type=${type}`].join('&');
        expect(migrateQueryString(query, { audience: 'https://acme.auth0.com/api/v2/', scopes: add })).toBe(query);
      }),
    );
  });
});

describe('query-string editing (examples)', () => {
  const audienceOf = 'https://{yourDomain}/api/v2/';

  it("turns the guide's old query into its new one, keeping openid", () => {
    const old = '\n      scope=openid\n      &response_type=id_token\n      &client_id={yourClientId}\n      &redirect_uri=https://{yourApp}/callback\n      &nonce={nonce}\n      &state={opaqueValue}';
    expect(migrateQueryString(old, { audience: audienceOf, scopes: ['read:current_user'] })).toBe(
      '\n      audience=https://{yourDomain}/api/v2/\n      &scope=openid%20read:current_user\n      &response_type=token%20id_token\n      &client_id={yourClientId}\n      &redirect_uri=https://{yourApp}/callback\n      &nonce={nonce}\n      &state={opaqueValue}',
    );
  });

  it('writes openid profile email plus the scopes where no scope was asked for', () => {
    expect(migrateQueryString('response_type=id_token&client_id=x', { audience: 'https://acme.auth0.com/api/v2/', scopes: ['read:current_user'] })).toBe(
      'audience=https://acme.auth0.com/api/v2/&scope=openid%20profile%20email%20read:current_user&response_type=token%20id_token&client_id=x',
    );
  });

  it('follows + for spaces and percent-encoded URLs', () => {
    expect(
      migrateQueryString('redirect_uri=https%3a%2f%2fapp%2fcb&scope=openid+profile&response_type=id_token', {
        audience: 'https://acme.auth0.com/api/v2/',
        scopes: ['read:current_user'],
      }),
    ).toBe('redirect_uri=https%3a%2f%2fapp%2fcb&audience=https%3a%2f%2facme.auth0.com%2fapi%2fv2%2f&scope=openid+profile+read%3acurrent_user&response_type=token+id_token');
  });

  it('follows bare spaces', () => {
    expect(migrateQueryString('scope=openid profile&response_type=id_token', { audience: 'https://a.auth0.com/api/v2/', scopes: ['read:current_user'] })).toBe(
      'audience=https://a.auth0.com/api/v2/&scope=openid profile read:current_user&response_type=token id_token',
    );
  });

  it('replaces a /userinfo audience in place', () => {
    expect(
      migrateQueryString('audience=https://a.auth0.com/userinfo&response_type=id_token&scope=openid', { audience: 'https://a.auth0.com/api/v2/', scopes: ['read:current_user'] }),
    ).toBe('audience=https://a.auth0.com/api/v2/&response_type=token%20id_token&scope=openid%20read:current_user');
  });

  it('blocks another API audience, a computed scope and computed parameter names', () => {
    const plan = (query: string): string => {
      const result = planQueryEdits(query, { audience: [{ text: 'https://a.auth0.com/api/v2/' }], scopes: ['read:current_user'] });
      return result.kind === 'blocked' ? result.code : result.kind;
    };
    expect(plan('audience=https://api.acme.com/&response_type=id_token')).toBe('custom-audience');
    expect(plan('scope=\u0000&response_type=id_token')).toBe('unresolved-config');
    expect(plan('response_type=id_token&\u0000')).toBe('unresolved-config');
    expect(plan('response_type=id_token&response_type=code')).toBe('not-applicable');
    expect(plan('audience=https://\u0000/api/v2/&response_type=id_token')).toBe('edits');
  });

  it('writes computed audience parts as expressions between encoded text', () => {
    const result = planQueryEdits('redirect_uri=https%3A%2F%2Fapp&response_type=id_token', {
      audience: [{ text: 'https://' }, { expression: 'domain' }, { text: '/api/v2/' }],
      scopes: ['read:current_user'],
    });
    expect(result.kind === 'edits' ? result.edits[0].segments : undefined).toEqual([
      { raw: 'audience=' },
      { raw: 'https%3A%2F%2F' },
      { expression: 'domain' },
      { raw: '%2Fapi%2Fv2%2F' },
      { raw: '&' },
    ]);
  });
});

describe('encoding detection', () => {
  const style = (query: string, dynamicValuesEncoded = false) => detectEncoding(parseQuery(query), { dynamicValuesEncoded });

  it('defaults to the guide: %20 and raw URLs', () => {
    expect(style('response_type=id_token')).toEqual({ space: '%20', encodeUrlReserved: false, encodeScopeColon: false, upperHex: true });
  });

  it('reads the scope colon apart from the URL values', () => {
    expect(style('redirect_uri=https%3A%2F%2Fapp&scope=openid%20read:current_user')).toMatchObject({ encodeUrlReserved: true, encodeScopeColon: false });
  });

  it('uses the hint only when no literal value tells', () => {
    expect(style('redirect_uri=\u0000', true).encodeUrlReserved).toBe(true);
    expect(style('redirect_uri=\u0000/cb', true).encodeUrlReserved).toBe(false);
  });

  it('encodes what must be encoded in every style', () => {
    const raw = { space: ' ' as const, encodeUrlReserved: false, encodeScopeColon: false, upperHex: true };
    expect(encodeQueryValue('a&b=c#d+e%f', raw, 'url')).toBe('a%26b%3Dc%23d%2Be%25f');
    expect(decodeQueryComponent('a%26b%3Dc%23d%2Be%25f')).toBe('a&b=c#d+e%f');
  });
});
