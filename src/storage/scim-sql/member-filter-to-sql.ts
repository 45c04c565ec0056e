// RFC 7644 §3.5.2.2: `remove` with a filter on `members` (`members[type eq
// "Group"]`), compiled over the membership rows so the group is never loaded.
// Only `value` and `type` are stored per membership; other sub-attributes
// cannot be selected and are refused.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Filter, FilterValue } from '../../scim/filter/ast.js';
import { invalidFilter } from '../../scim/errors.js';

const COLUMNS: Record<string, { column: string; caseExact: boolean }> = {
  value: { column: 'member_id', caseExact: true },
  type: { column: 'member_type', caseExact: false },
};

function column(name: string) {
  const c = COLUMNS[name.toLowerCase()];
  if (!c) throw invalidFilter(`members can only be selected by value or type, not "${name}"`);
  return c;
}

function text(value: FilterValue): string {
  if (typeof value !== 'string') throw invalidFilter('members are selected by string values');
  return value;
}

export function compileMemberFilter(filter: Filter): RawBuilder<SqlBool> {
  switch (filter.kind) {
    case 'And':
      return sql<SqlBool>`(${compileMemberFilter(filter.left)} and ${compileMemberFilter(filter.right)})`;
    case 'Or':
      return sql<SqlBool>`(${compileMemberFilter(filter.left)} or ${compileMemberFilter(filter.right)})`;
    case 'Not':
      return sql<SqlBool>`(not ${compileMemberFilter(filter.filter)})`;
    case 'Present':
      column(filter.path.sub ?? filter.path.attr);
      return sql<SqlBool>`(1 = 1)`;
    case 'ValuePath':
      throw invalidFilter('nested value paths are not allowed inside members[...]');
    case 'Compare': {
      const { column: name, caseExact } = column(filter.path.sub ?? filter.path.attr);
      const value = text(filter.value);
      const col = caseExact ? sql.ref(name) : sql`lower(${sql.ref(name)})`;
      const v = caseExact ? value : value.toLowerCase();
      switch (filter.op) {
        case 'eq':
          return sql<SqlBool>`(${col} = ${v})`;
        case 'ne':
          return sql<SqlBool>`(${col} <> ${v})`;
        default:
          throw invalidFilter(`members[...] supports eq and ne, not ${filter.op}`);
      }
    }
  }
}
