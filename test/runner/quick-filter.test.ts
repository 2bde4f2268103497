import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREFILTER, PREFILTER_SOURCE } from '../../src/analysis/prefilter';
import { literalsCoverPattern, mandatoryRuns, passesPrefilter, QUICK_LITERALS, topLevelAlternatives } from '../../src/runner/quick-filter';

function passes(text: string): boolean {
  const bytes = Buffer.from(text, 'utf8');
  const buffer = Buffer.alloc(bytes.length + 16, 0x78);
  bytes.copy(buffer);
  return passesPrefilter(buffer, bytes.length);
}

describe('quick pre-filter', () => {
  it('covers the current pre-filter pattern with its literals', () => {
    expect(literalsCoverPattern(PREFILTER_SOURCE, PREFILTER.flags, QUICK_LITERALS)).toBe(true);
  });

  it('splits alternatives and finds the literal runs every match contains', () => {
    expect(topLevelAlternatives('[Aa]uth0|oauth/(token|ro)|a[|]b')).toEqual(['[Aa]uth0', 'oauth/(token|ro)', 'a[|]b']);
    expect(mandatoryRuns('[Aa]uth0')).toEqual(['uth0']);
    expect(mandatoryRuns('oauth/(token|ro)x')).toEqual(['oauth/', 'x']);
    expect(mandatoryRuns('colou?r')).toEqual(['colo', 'r']);
    expect(mandatoryRuns('a\\.b.c{2}d')).toEqual(['a', 'b', 'd']);
  });

  it('notices a pattern its literals no longer cover, so it falls back to the pattern alone', () => {
    expect(literalsCoverPattern(`${PREFILTER_SOURCE}|getSession`, '', QUICK_LITERALS)).toBe(false);
    expect(literalsCoverPattern('Auth0|api/v?2', '', QUICK_LITERALS)).toBe(false);
    expect(literalsCoverPattern(PREFILTER_SOURCE, 'i', QUICK_LITERALS)).toBe(false);
  });

  it('answers exactly what the pattern answers', () => {
    const samples = [
      'new auth0.WebAuth({})',
      "fetch('https://x.eu.auth0.com/oauth/token')",
      '/oauth/ro',
      "'/authorize?'",
      'GET /api/v2/users',
      'lockProvider.init',
      'client.passwordGrant()',
      'new ManagementClient()',
      'authorization header',
      'Provider Grant Client /v2',
      'ünïcödé Auth0 😀',
      'plain code',
    ];
    for (const text of samples) expect(passes(text), text).toBe(PREFILTER.test(text));
    const pieces = fc.constantFrom('auth', 'Auth0', 'uth0', 'api/v2/', 'api/v1/', '/authorize', 'oauth/', 'token', 'ro', 'Prov', 'lockProvider', 'Grant', 'passwordGrant', 'Client', 'ManagementClient', ' ', 'é', '\n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        return passes(text) === PREFILTER.test(text);
      }),
    );
  });
});
