// RFC 7644 §3.4.2.3: `sortBy` compiled to one ORDER BY key over the `users`
// or `groups` table; the caller appends `asc` or `desc` and a tiebreak.
//
// - case-insensitive strings sort by their lower-cased form, every string by
//   code point ("Unicode alphabetic sort order with no specific locale");
// - a multi-valued attribute sorts by its primary value, else its first;
// - a complex attribute must be named by a sub-attribute (`name.givenName`),
//   except a multi-valued one, whose `value` is meant;
// - resources without a value come last ascending and first descending.
//
// The RFC names no error for a sortBy the server cannot use; an attribute the
// resource type does not have, or cannot be ordered by, is an invalidValue
// (RFC 7644 §3.12: "not compatible with ... resource schema").

import type { RawBuilder } from 'kysely';
import type { AttrPath } from '../../scim/filter/ast.js';
import type { AttributeDef } from '../../scim/schema/types.js';
import { formatAttrPath } from '../../scim/filter/lexer.js';
import { invalidValue } from '../../scim/errors.js';
import type { FilterContext } from './filter-to-sql.js';
import { resolveTarget, type Leaf } from './filter-targets.js';

export function compileSortKey(path: AttrPath, ctx: FilterContext): RawBuilder<unknown> {
  return compileSortKeyParts(path, ctx).key;
}

/**
 * The ORDER BY key, plus what a keyset position over it needs (keyset-page.ts):
 * the value before NULLs were made to sort high (to test `is null`), whether it
 * can be NULL at all, and the type its values have.
 */
export interface SortKeyParts {
  key: RawBuilder<unknown>;
  raw: RawBuilder<unknown>;
  nullable: boolean;
  type: 'text' | 'number' | 'boolean';
}

const valueType = (def: AttributeDef): SortKeyParts['type'] =>
  def.type === 'boolean' ? 'boolean' : def.type === 'integer' || def.type === 'decimal' ? 'number' : 'text';

export function compileSortKeyParts(path: AttrPath, ctx: FilterContext): SortKeyParts {
  const text = formatAttrPath(path);
  const resolved = ctx.schema.resolve(path);
  if (!resolved) throw invalidValue(`cannot sort by "${text}": ${ctx.resourceType} resources have no such attribute`);
  const { attr, sub } = resolved;
  const target = resolveTarget(resolved, ctx);
  if (target.kind === 'leaf') {
    const raw = key(attr, target.leaf, ctx, text);
    const nullable = target.leaf.kind === 'json' || (target.leaf.kind === 'column' && target.leaf.nullable);
    return { key: nullable ? ctx.dialect.nullsSortHigh(raw) : raw, raw, nullable, type: valueType(attr) };
  }

  let def: AttributeDef | undefined = sub;
  if (!def && attr.multiValued) def = attr.type === 'complex' ? ctx.schema.resolveSub(attr, 'value') : attr;
  if (!def) throw invalidValue(`cannot sort by the complex attribute "${text}": name one of its sub-attributes`);
  if (!target.first) throw invalidValue(`cannot sort by "${text}": its values have no order to pick a first from`);
  const leafDef = def;
  // The subquery is NULL when there is no element, like an absent single value.
  const raw = target.first((scope) => key(leafDef, scope.leaf(leafDef), ctx, text));
  return { key: ctx.dialect.nullsSortHigh(raw), raw, nullable: true, type: valueType(leafDef) };
}

/** The value as it orders: lower-cased when case-insensitive, typed as the schema says. */
function key(def: AttributeDef, leaf: Leaf, ctx: FilterContext, text: string): RawBuilder<unknown> {
  const d = ctx.dialect;
  if (leaf.kind === 'opaque') throw invalidValue(`cannot sort by "${text}" (${leaf.why})`);
  switch (def.type) {
    case 'boolean':
      return leaf.kind === 'json' ? d.jsonBoolean(leaf.ref) : leaf.expr;
    case 'integer':
    case 'decimal':
      return leaf.kind === 'json' ? d.jsonNumber(leaf.ref) : leaf.expr;
    case 'complex':
      throw invalidValue(`cannot sort by the complex attribute "${text}": name one of its sub-attributes`);
    default: {
      // dateTime columns hold toISOString() text, which orders as the instants do.
      let value: RawBuilder<unknown>;
      if (leaf.kind === 'json') {
        value = d.jsonString(leaf.ref);
        if (!def.caseExact) value = d.lower(value);
      } else {
        value = def.caseExact ? leaf.expr : (leaf.folded ?? d.lower(leaf.expr));
      }
      return d.sortText(value);
    }
  }
}
