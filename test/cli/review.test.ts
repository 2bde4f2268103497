import { describe, expect, it } from 'vitest';
import { ReviewSession } from '../../src/cli/review';
import type { FileResult } from '../../src/runner/types';

const FILLER = Array.from({ length: 10 }, (_, i) => `// ${i}`).join('\n');

function changed(path: string, packagePath: string, before: string, after: string): FileResult {
  return { path, absolutePath: `/repo/${path}`, packagePath, status: 'changed', transforms: ['webauth-config'], findings: [], error: null, before, after, written: false };
}

const loginBefore = `a = 'id_token';\n${FILLER}\nb = 'id_token';\n`;
const loginAfter = `a = 'token id_token';\n${FILLER}\nb = 'token id_token';\n`;

describe('ReviewSession', () => {
  it('refuses every hunk of a unit when one is refused, in every file, answered or not', () => {
    const login = changed('web/login.js', 'web', loginBefore, loginAfter);
    const profile = changed('web/profile.js', 'web', 'x\n', 'y\n');
    const other = changed('admin/a.js', 'admin', 'x\n', 'y\n');
    const session = new ReviewSession([other, login, profile]);
    expect(session.hunks.map((h) => [h.file.path, h.index, h.total])).toEqual([
      ['admin/a.js', 1, 1],
      ['web/login.js', 1, 2],
      ['web/login.js', 2, 2],
      ['web/profile.js', 1, 1],
    ]);
    session.answer(session.next()!, 'y');
    session.answer(session.next()!, 'y');
    expect(session.answer(session.next()!, 'n')).toEqual(['web']);
    expect(session.next()).toBeUndefined();
    expect(session.unitsLeftAlone()).toEqual(['web']);
    expect([other, login, profile].map((f) => session.textFor(f))).toEqual(['y\n', loginBefore, 'x\n']);
  });

  it('with a unit per hunk (flows), writes the accepted hunks of a file and leaves the refused one', () => {
    const login = changed('web/login.js', 'web', loginBefore, loginAfter);
    let next = 0;
    // Stand-in for flow ids: each hunk its own flow.
    const session = new ReviewSession([login], () => [`flow-${next++}`]);
    expect(session.hunks.map((h) => h.units)).toEqual([['flow-0'], ['flow-1']]);
    session.answer(session.next()!, 'n');
    session.answer(session.next()!, 'y');
    expect(session.textFor(login)).toBe(`a = 'id_token';\n${FILLER}\nb = 'token id_token';\n`);
  });

  it('`q` leaves every unit with a hunk not yet accepted; `a` accepts the rest of a file without asking', () => {
    const login = changed('web/login.js', 'web', loginBefore, loginAfter);
    const other = changed('admin/a.js', 'admin', 'x\n', 'y\n');
    const session = new ReviewSession([login, other]);
    session.answer(session.next()!, 'a');
    const asked = session.next()!;
    expect(asked.file.path).toBe('admin/a.js');
    session.answer(asked, 'q');
    expect(session.next()).toBeUndefined();
    expect(session.unitsLeftAlone()).toEqual(['admin']);
    expect(session.textFor(login)).toBe(loginAfter);
    expect(session.textFor(other)).toBe('x\n');
  });
});
