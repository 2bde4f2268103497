import { describe, expect, it } from 'vitest';
import jscodeshift, { type ASTNode } from 'jscodeshift';
import { EditList, spanOf } from '../../src/ast/edits';
import { parseSource } from '../../src/ast/parse';
import { readTransformOptions, runTransforms } from '../../src/transform-kit';
import type { TransformModule } from '../../src/types';

describe('EditList.mapOffset', () => {
  const source = 'abcdefghij';
  const edits = new EditList();
  edits.replace(2, 4, 'XYZW'); // cd → XYZW (+2)
  edits.insert(6, '__'); // before g (+2)
  edits.replace(8, 9, ''); // i removed (-1)
  const output = edits.applyTo(source);

  it('follows every character outside the edited spans to the same character in the output', () => {
    expect(output).toBe('abXYZWef__ghj');
    for (const offset of [0, 1, 4, 5, 7, 9, 10]) {
      expect(output.slice(edits.mapOffset(offset), edits.mapOffset(offset) + 1)).toBe(source.slice(offset, offset + 1));
    }
  });

  it('lands before text inserted at the offset, and at the start of a replacement that covers it', () => {
    expect(edits.mapOffset(6)).toBe(8);
    expect(output.slice(edits.mapOffset(6))).toBe('__ghj');
    expect(edits.mapOffset(3)).toBe(2);
  });
});

describe('runTransforms', () => {
  const j = jscodeshift.withParser('babel');
  /** Reports the `'FIRST'` literal and rewrites it; the second module rewrites the same literal, which conflicts. */
  const first: TransformModule = {
    meta: { id: 'webauth-config', description: 'reports and edits FIRST' },
    apply(ctx) {
      ctx.root.find(ctx.j.Literal, { value: 'FIRST' }).forEach((p) => {
        ctx.report(p.node, 'custom-audience', 'first finding');
        const [start, end] = spanOf(p.node as ASTNode);
        ctx.edits.replace(start, end, "'FIRST!'");
      });
    },
  };
  const second: TransformModule = {
    meta: { id: 'management-token', description: 'edits the literal FIRST edited, which conflicts' },
    apply(ctx) {
      ctx.root.find(ctx.j.Literal).forEach((p) => {
        const value = (p.node as { value?: unknown }).value;
        if (value !== 'FIRST' && value !== 'FIRST!') return;
        const [start, end] = spanOf(p.node as ASTNode);
        ctx.edits.replace(start, end, "'SECOND'");
      });
    },
  };

  it('keeps the TODO comments of earlier transforms when a conflict makes it parse again', () => {
    const source = "const a = 1;\nconst b = 'FIRST';\n";
    const result = runTransforms({
      j,
      parse: (text) => parseSource(j, 'babel', text),
      filePath: 'a.js',
      source,
      modules: [first, second],
      options: readTransformOptions({ todoComments: true }),
    });
    expect(result.findings.map((f) => f.code)).toEqual(['custom-audience']);
    expect(result.output).toBe("const a = 1;\n// TODO(auth0-mgmt-codemod): custom-audience: first finding\nconst b = 'SECOND';\n");
  });
});
