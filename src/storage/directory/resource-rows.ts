// What users and groups rows have in common: the columns a StoredResource is
// read from, and the conversion.

import type { StoredResource } from '../../domain/directory/types.js';

export const RESOURCE_COLUMNS = ['id', 'team_id', 'resource', 'created_at', 'updated_at', 'version'] as const;

export interface ResourceRow {
  id: string;
  team_id: string;
  resource: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export function rowToStored(row: ResourceRow): StoredResource {
  return {
    id: row.id,
    teamId: row.team_id,
    resource: JSON.parse(row.resource) as Record<string, unknown>,
    created: row.created_at,
    lastModified: row.updated_at,
    version: Number(row.version),
  };
}
