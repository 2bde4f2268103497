import fc from 'fast-check';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { EditList } from '../../src/ast/edits';
import {
  appendFormValue,
  encodeFormText,
  findFormParam,
  formParamText,
  formStyle,
  insertFormParams,
  readFormBody,
  replaceFormValue,
} from '../../src/ast/form-body';
import type { AnyNode } from '../../src/ast/nodes';
import { parseSource } from '../../src/ast/parse';
import { transformModule } from '../../transforms/token-request';
import { runOnSource } from '../helpers/fixtures';

/** The body expression of `const body = <expr>;` in a parsed source. */
function bodyOf(source: string): AnyNode {
  const j = jscodeshift.withParser('babel');
  const root = parseSource(j, 'babel', source);
  return root.find(j.VariableDeclarator).get().node.init as AnyNode;
}

function edit(source: string, change: (edits: EditList, body: NonNullable<ReturnType<typeof readFormBody>>) => void): string {
  const body = readFormBody(source, bodyOf(source));
  if (!body) throw new Error('not a form body');
  const edits = new EditList();
  change(edits, body);
  return edits.applyTo(source);
}

describe('readFormBody', () => {
  it('reads parameters across literals, templates and values', () => {
    const source = "const body = 'grant_type=password&username=' + u + `&password=${p}&scope=openid%20profile`;";
    const body = readFormBody(source, bodyOf(source));
    expect(body?.params.map((p) => p.name)).toEqual(['grant_type', 'username', 'password', 'scope']);
    expect(formParamText(findFormParam(body!, 'grant_type')!)).toBe('password');
    expect(formParamText(findFormParam(body!, 'username')!)).toBeUndefined();
    expect(formParamText(findFormParam(body!, 'scope')!)).toBe('openid profile');
  });

  it('is undefined for an expression without literal text', () => {
    const source = 'const body = a + b;';
    expect(readFormBody(source, bodyOf(source))).toBeUndefined();
  });

  it('follows the body’s own encoding', () => {
    const plus = "const body = 'scope=openid+profile&redirect_uri=https://app';";
    const style = formStyle(readFormBody(plus, bodyOf(plus))!);
    expect(style).toEqual({ space: '+', component: false });
    expect(encodeFormText('https://x/api/v2/ read:a', style)).toBe('https://x/api/v2/+read:a');
    const percent = "const body = 'scope=openid%20profile';";
    expect(encodeFormText('read:a b', formStyle(readFormBody(percent, bodyOf(percent))!))).toBe('read%3Aa%20b');
  });
});

describe('editing a form body', () => {
  const value = { literal: 'https://acme.auth0.com/api/v2/' };

  it('inserts before a parameter, in the same literal', () => {
    const source = "const body = 'grant_type=password&password=' + p + '&scope=openid';";
    const out = edit(source, (edits, body) =>
      insertFormParams(edits, body, [{ name: 'audience', value }], formStyle(body), { before: findFormParam(body, 'scope')! }),
    );
    expect(out).toBe("const body = 'grant_type=password&password=' + p + '&audience=https%3A%2F%2Facme.auth0.com%2Fapi%2Fv2%2F&scope=openid';");
  });

  it('appends a new string after a trailing value', () => {
    const source = "const body = 'grant_type=password&password=' + p;";
    const out = edit(source, (edits, body) =>
      insertFormParams(edits, body, [{ name: 'audience', value: { expression: 'AUD' } }, { name: 'scope', value: { literal: 'openid' } }], formStyle(body), {
        after: findFormParam(body, 'password'),
      }),
    );
    expect(out).toBe("const body = 'grant_type=password&password=' + p + '&audience=' + encodeURIComponent(AUD) + '&scope=openid';");
  });

  it('takes over the closing quote rather than leaving `+ \'\'`', () => {
    const source = "const body = 'grant_type=password&password=x';";
    const out = edit(source, (edits, body) =>
      insertFormParams(edits, body, [{ name: 'audience', value: { expression: 'AUD' } }], formStyle(body), { after: findFormParam(body, 'password') }),
    );
    expect(out).toBe("const body = 'grant_type=password&password=x&audience=' + encodeURIComponent(AUD);");
  });

  it('writes values into templates as template expressions', () => {
    const source = 'const body = `grant_type=password&password=${p}`;';
    const out = edit(source, (edits, body) =>
      insertFormParams(edits, body, [{ name: 'audience', value: { expression: '`https://${d}/api/v2/`' } }], formStyle(body), {
        after: findFormParam(body, 'password'),
      }),
    );
    expect(out).toBe('const body = `grant_type=password&password=${p}&audience=${encodeURIComponent(`https://${d}/api/v2/`)}`;');
  });

  it('replaces and appends to literal values', () => {
    const source = "const body = 'audience=https%3A%2F%2Fa.auth0.com%2Fuserinfo&scope=openid';";
    const out = edit(source, (edits, body) => {
      const style = formStyle(body);
      replaceFormValue(edits, findFormParam(body, 'audience')!, value, style);
      appendFormValue(edits, findFormParam(body, 'scope')!, ' read:current_user', style);
    });
    expect(out).toBe("const body = 'audience=https%3A%2F%2Facme.auth0.com%2Fapi%2Fv2%2F&scope=openid%20read%3Acurrent_user';");
  });

  it('never splices into text with escapes: it concatenates after it, or refuses', () => {
    const source = "const body = 'grant_type=password&password=it\\'s';";
    const out = edit(source, (edits, body) =>
      insertFormParams(edits, body, [{ name: 'audience', value }], formStyle(body), { after: findFormParam(body, 'password') }),
    );
    expect(out).toBe("const body = 'grant_type=password&password=it\\'s' + '&audience=https%3A%2F%2Facme.auth0.com%2Fapi%2Fv2%2F';");
    const middle = "const body = 'grant_type=password&password=it\\'s&x=1';";
    const body = readFormBody(middle, bodyOf(middle))!;
    expect(insertFormParams(new EditList(), body, [{ name: 'audience', value }], formStyle(body), { after: findFormParam(body, 'password') })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, through the whole transform: other parameters survive in order and byte for byte,
// audience and scope come out right, and a second run changes nothing.

const OTHER_NAMES = ['username', 'password', 'client_id', 'client_secret', 'realm', 'connection', 'device', 'x'];
const SCOPES = ['read:current_user', 'update:current_user_metadata'];

const rawValue = fc.stringMatching(/^[A-Za-z0-9._~%-]{0,8}$/).filter((v) => !/%(?![0-9A-F]{2})/.test(v));
const param = fc.record({
  name: fc.constantFrom(...OTHER_NAMES),
  /** A literal value, or a run-time value written as a variable. */
  value: fc.oneof(rawValue.map((text) => ({ text })), fc.constant({ variable: true as const })),
});
const existingScope = fc.option(fc.subarray(['openid', 'profile', 'email', 'read:current_user']), { nil: undefined });
const bodyCase = fc.record({
  before: fc.array(param, { maxLength: 4 }),
  after: fc.array(param, { maxLength: 4 }),
  scope: existingScope,
  template: fc.boolean(),
  expressionHost: fc.boolean(),
});

type BodyCase = typeof bodyCase extends fc.Arbitrary<infer T> ? T : never;

/** The case as source, and the values its variables hold. */
function render(c: BodyCase): { source: string; variables: Record<string, string> } {
  const params = [...c.before, { name: 'grant_type', value: { text: 'password' } }, ...c.after];
  if (c.scope) params.push({ name: 'scope', value: { text: c.scope.join('%20') } });
  const variables: Record<string, string> = {};
  const parts = params.map((p, i) => {
    const sep = i === 0 ? '' : '&';
    if ('text' in p.value) return { text: `${sep}${p.name}=${p.value.text}` };
    const name = `v${i}`;
    variables[name] = `value-${i}`;
    return { text: `${sep}${p.name}=`, variable: name };
  });
  let expression: string;
  if (c.template) {
    expression = '`' + parts.map((p) => p.text + (p.variable ? '${' + p.variable + '}' : '')).join('') + '`';
  } else {
    expression = parts.map((p) => `'${p.text}'` + (p.variable ? ` + ${p.variable}` : '')).join(' + ');
  }
  const url = c.expressionHost ? "'https://' + AUTH0_DOMAIN + '/oauth/token'" : "'https://acme.auth0.com/oauth/token'";
  variables.AUTH0_DOMAIN = 'acme.auth0.com';
  return { source: `fetch(${url}, { method: 'POST', body: ${expression} });\n`, variables };
}

/** Evaluates the body expression of a rendered (or migrated) source. */
function evaluateBody(source: string, variables: Record<string, string>): string {
  const j = jscodeshift.withParser('babel');
  const root = parseSource(j, 'babel', source);
  let text = '';
  root.find(j.CallExpression, { callee: { name: 'fetch' } }).forEach((path) => {
    const init = path.node.arguments[1] as unknown as { properties: { key: { name: string }; value: { start: number; end: number } }[] };
    const body = init.properties.find((p) => p.key.name === 'body');
    if (body) text = source.slice(body.value.start, body.value.end);
  });
  const names = Object.keys(variables);
  return new Function(...names, `return ${text};`)(...names.map((n) => variables[n])) as string;
}

describe('url-encoded bodies through the transform (property)', () => {
  it('keeps every other parameter, adds audience, merges scope, and is idempotent', () => {
    fc.assert(
      fc.property(bodyCase, (c) => {
        const { source, variables } = render(c);
        const first = runOnSource([transformModule], 'case.js', source, { scopes: SCOPES });
        expect(first.findings).toEqual([]);
        expect(first.output).not.toBeNull();
        const output = first.output as string;
        expect(runOnSource([transformModule], 'case.js', output, { scopes: SCOPES }).output).toBeNull();

        const before = evaluateBody(source, variables).split('&');
        const after = evaluateBody(output, variables).split('&');
        const others = (list: string[]): string[] => list.filter((p) => !p.startsWith('audience=') && !p.startsWith('scope='));
        expect(others(after)).toEqual(others(before));

        const search = new URLSearchParams(after.join('&'));
        expect(search.getAll('audience')).toEqual(['https://acme.auth0.com/api/v2/']);
        const scope = (search.get('scope') ?? '').split(' ');
        const kept = c.scope ?? ['openid', 'profile', 'email'];
        expect(scope).toEqual([...kept, ...SCOPES.filter((s) => !kept.includes(s))]);
        // The seed's order: audience sits just before scope when scope was there.
        if (c.scope) expect(after.findIndex((p) => p.startsWith('scope='))).toBe(after.findIndex((p) => p.startsWith('audience=')) + 1);
      }),
      { numRuns: 120 },
    );
  });
});
