// Values the users table keeps in columns besides the resource JSON, computed
// from the resource by the repository and by the migrations that backfill them.

import { ENTERPRISE_USER_URN } from '../../scim/schema/enterprise-user.js';

/** The Enterprise User `department`, lower-cased (it is case-insensitive), or null. */
export function departmentOf(resource: Record<string, unknown>): string | null {
  const block = resource[ENTERPRISE_USER_URN];
  if (!block || typeof block !== 'object' || Array.isArray(block)) return null;
  const department = (block as Record<string, unknown>).department;
  return typeof department === 'string' ? department.toLowerCase() : null;
}
