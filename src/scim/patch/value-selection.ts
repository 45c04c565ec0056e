// RFC 7644 §3.5.2 valuePath: `emails[type eq "work"]` selects the values of a
// multi-valued complex attribute that satisfy the filter. Matching runs the
// filter oracle (`evaluate`) so PATCH and search agree on case rules, dates
// and numbers.

import type { Filter, FilterValue } from '../filter/ast.js';
import type { AttributeDef, ResourceSchema } from '../schema/types.js';
import { evaluate } from '../filter/evaluate.js';
import { isObject, type JsonObject } from './json-values.js';

export interface SelectionTarget {
  /** The schema URN the attribute belongs to. */
  urn: string;
  /** True when the attribute lives under its URN key (an extension). */
  inExtension: boolean;
  attr: AttributeDef;
  filter: Filter;
}

/** Indexes of the elements of `list` that the target's filter selects. */
export function selectElements(list: unknown[], target: SelectionTarget, schema: ResourceSchema): number[] {
  const node: Filter = {
    kind: 'ValuePath',
    path: target.inExtension ? { schema: target.urn, attr: target.attr.name } : { attr: target.attr.name },
    filter: target.filter,
  };
  const selected: number[] = [];
  list.forEach((element, i) => {
    if (!isObject(element)) return;
    // The element alone, placed where the attribute lives, so the filter's
    // relative paths resolve as sub-attributes of this attribute.
    const probe = { [target.attr.name]: [element] };
    const resource = target.inExtension ? { [target.urn]: probe } : probe;
    if (evaluate(node, resource, schema)) selected.push(i);
  });
  return selected;
}

/**
 * The element a filter of equalities describes: `type eq "work"` →
 * `{type: "work"}`, `type eq "work" and primary eq true` → both. Undefined
 * when the filter says anything else, since then no single element follows
 * from it. Entra ID relies on this to create the work email it replaces
 * (`emails[type eq "work"].value`, CHECKLIST item 5).
 */
export function elementFromFilter(filter: Filter, attr: AttributeDef, schema: ResourceSchema): JsonObject | undefined {
  const pairs = equalities(filter);
  if (!pairs) return undefined;
  const element: JsonObject = {};
  for (const [name, value] of pairs) {
    const sub = schema.resolveSub(attr, name);
    if (!sub || sub.multiValued || sub.type === 'complex') return undefined;
    if (sub.name in element && element[sub.name] !== value) return undefined;
    element[sub.name] = value;
  }
  return element;
}

function equalities(filter: Filter): [string, FilterValue][] | undefined {
  if (filter.kind === 'And') {
    const left = equalities(filter.left);
    const right = left && equalities(filter.right);
    return left && right ? [...left, ...right] : undefined;
  }
  if (filter.kind !== 'Compare' || filter.op !== 'eq' || filter.value === null) return undefined;
  if (filter.path.schema || filter.path.sub) return undefined;
  return [[filter.path.attr, filter.value]];
}
