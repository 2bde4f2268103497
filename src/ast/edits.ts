import type { ASTNode } from 'jscodeshift';

/**
 * Byte-exact text edits against the parsed source.
 *
 * Transforms never reprint whole nodes: they replace the exact span of what changes and insert
 * new text at exact offsets, so quotes, layout, comments, line endings and everything else in
 * the file stay as the author wrote them.
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** The text adds members to an object literal (or is a new object): the layout pass looks at it. */
  member?: true;
}

export class EditList {
  private readonly items: TextEdit[] = [];

  /**
   * `parent`: a list this one will be absorbed into. Its edits count for `canAdd` and conflicts,
   * so work done on a scratch list can be kept or dropped as a whole.
   */
  constructor(private readonly parent?: EditList) {}

  get size(): number {
    return this.items.length;
  }

  get all(): readonly TextEdit[] {
    return this.items;
  }

  /** True when [start, end) touches no existing replacement (insertions at the same offset may coexist). */
  canAdd(start: number, end: number): boolean {
    return this.items.every((e) => !overlaps(e, { start, end, text: '' })) && (this.parent?.canAdd(start, end) ?? true);
  }

  /** True when this list (or its parent) already holds exactly this edit. */
  includes(start: number, end: number, text: string): boolean {
    return this.items.some((e) => e.start === start && e.end === end && e.text === text) || (this.parent?.includes(start, end, text) ?? false);
  }

  replace(start: number, end: number, text: string, kind?: 'member'): void {
    if (start > end) throw new RangeError(`edit start ${start} is after end ${end}`);
    if (!this.canAdd(start, end)) {
      throw new EditConflictError(start, end);
    }
    this.items.push(kind === 'member' ? { start, end, text, member: true } : { start, end, text });
  }

  insert(offset: number, text: string, kind?: 'member'): void {
    this.replace(offset, offset, text, kind);
  }

  replaceNode(node: ASTNode, text: string): void {
    const [start, end] = spanOf(node);
    this.replace(start, end, text);
  }

  /** Moves every edit of `other` into this list; throws EditConflictError on overlap (nothing is moved then). */
  absorb(other: EditList): void {
    for (const e of other.items) {
      if (!this.canAdd(e.start, e.end)) throw new EditConflictError(e.start, e.end);
    }
    this.items.push(...other.items);
  }

  /**
   * Where `offset` of the source the edits were made against lands in `applyTo`'s result. An
   * offset inside a replaced span lands where the replacement starts; at an insertion point, before
   * the inserted text, or after it with `side` 'after' (where something that starts there went).
   */
  mapOffset(offset: number, side: 'before' | 'after' = 'before'): number {
    let shift = 0;
    for (const e of this.items) {
      const insertedHere = side === 'after' && e.start === offset && e.end === offset;
      if ((e.end <= offset && e.start < offset) || insertedHere) shift += e.text.length - (e.end - e.start);
      else if (e.start < offset && offset < e.end) return this.mapOffset(e.start);
    }
    return offset + shift;
  }

  /**
   * The inverse of `mapOffset`: where an offset of `applyTo`'s result was in the source the edits
   * were made against. An offset inside inserted or replacing text maps to where that edit starts.
   */
  mapBack(offset: number): number {
    let shift = 0;
    for (const e of [...this.items].sort((a, b) => a.start - b.start || a.end - b.end)) {
      const newStart = e.start + shift;
      const newEnd = newStart + e.text.length;
      if (offset < newStart) break;
      if (offset < newEnd) return e.start;
      shift += e.text.length - (e.end - e.start);
    }
    return offset - shift;
  }

  /** Applies the edits to the source they were made against. Insertions at one offset keep their order. */
  applyTo(source: string): string {
    return this.applyTracking(source).text;
  }

  /** `applyTo`, and where the text of each member edit (see TextEdit) landed in the result. */
  applyTracking(source: string): { text: string; members: [number, number][] } {
    if (this.items.length === 0) return { text: source, members: [] };
    const ordered = this.items
      .map((edit, index) => ({ edit, index }))
      .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
    let out = '';
    let cursor = 0;
    const members: [number, number][] = [];
    for (const { edit } of ordered) {
      out += source.slice(cursor, edit.start);
      if (edit.member) members.push([out.length, out.length + edit.text.length]);
      out += edit.text;
      cursor = edit.end;
    }
    return { text: out + source.slice(cursor), members };
  }
}

export class EditConflictError extends Error {
  constructor(start: number, end: number) {
    super(`overlapping edit at ${start}-${end}`);
    this.name = 'EditConflictError';
  }
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two pure insertions never conflict; an insertion strictly inside a replaced span does.
  if (a.start === a.end && b.start === b.end) return false;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

interface Positioned {
  start?: number | null;
  end?: number | null;
  range?: [number, number];
}

/** [start, end) offsets of a node in the parsed source (babel/ts parsers set start/end; flow sets range). */
export function spanOf(node: ASTNode): [number, number] {
  const p = node as Positioned;
  if (typeof p.start === 'number' && typeof p.end === 'number') return [p.start, p.end];
  if (Array.isArray(p.range)) return [p.range[0], p.range[1]];
  throw new Error(`node ${node.type} has no source position`);
}

/** The exact source text of a node. */
export function textOf(source: string, node: ASTNode): string {
  const [start, end] = spanOf(node);
  return source.slice(start, end);
}
