// RFC 7644 §3.4.2.2 filters that name one membership id (`groups.value eq
// "<group>"` on Users, `members.value eq "<member>"` on Groups): their
// results are among that id's membership rows, so a list can start from the
// membership index instead of the team. list-page.ts decides per query.

import type { Filter } from '../../scim/filter/ast.js';
import type { FilterContext } from './filter-to-sql.js';

export interface MembershipPlan {
  /** The group (on Users) or member (on Groups) id every result has a membership row with. */
  id: string;
  /** True when the filter is exactly that condition, nothing and-ed to it. */
  exact: boolean;
}

const ATTRIBUTE = { User: 'groups', Group: 'members' } as const;

function namedId(filter: Filter, ctx: FilterContext): string | undefined {
  const want = ATTRIBUTE[ctx.resourceType];
  if (filter.kind === 'Compare') {
    if (filter.op !== 'eq' || typeof filter.value !== 'string') return undefined;
    const resolved = ctx.schema.resolve(filter.path);
    if (!resolved || resolved.extension || resolved.attr.name !== want) return undefined;
    const def = resolved.sub ?? ctx.schema.resolveSub(resolved.attr, 'value');
    if (def?.name !== 'value') return undefined;
    return def.caseExact ? filter.value : filter.value.toLowerCase();
  }
  if (filter.kind === 'ValuePath') {
    const resolved = ctx.schema.resolve(filter.path);
    if (!resolved || resolved.extension || resolved.sub || resolved.attr.name !== want) return undefined;
    const inner = filter.filter;
    if (inner.kind !== 'Compare' || inner.path.schema !== undefined || inner.path.sub !== undefined) return undefined;
    return namedId({ ...inner, path: { attr: want, sub: inner.path.attr } }, ctx);
  }
  return undefined;
}

export function membershipPlan(filter: Filter, ctx: FilterContext): MembershipPlan | undefined {
  const id = namedId(filter, ctx);
  if (id !== undefined) return { id, exact: true };
  if (filter.kind !== 'And') return undefined;
  const inner = membershipPlan(filter.left, ctx) ?? membershipPlan(filter.right, ctx);
  return inner && { id: inner.id, exact: false };
}
