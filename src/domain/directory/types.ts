// How the domain sees a stored SCIM resource: the canonical JSON the IdP
// sent (without id, meta and the server-managed membership attributes) plus
// the server's own bookkeeping.

import type { Filter, AttrPath } from '../../scim/filter/ast.js';
import type { KeysetPosition } from './list-cursor.js';

export interface StoredResource {
  id: string;
  teamId: string;
  resource: Record<string, unknown>;
  created: string;
  lastModified: string;
  version: number;
}

export interface GroupRef {
  id: string;
  displayName: string;
}

/** A user another resource refers to (a manager): its id and the name to show. */
export interface UserRef {
  id: string;
  displayName: string | null;
  userName: string;
}

export interface MemberRow {
  id: string;
  type: 'User' | 'Group';
  display: string | null;
}

/** A member as the dashboard lists it: a user's status; null for a group. */
export interface AdminMemberRow extends MemberRow {
  userName: string | null;
  status: 'active' | 'suspended' | null;
}

export interface ListQuery {
  filter?: Filter;
  sortBy?: AttrPath;
  sortOrder: 'ascending' | 'descending';
  /** 1-based, as on the wire. */
  startIndex: number;
  count: number;
  /**
   * RFC 9865 cursor pagination: present when the client asked for it
   * (`after` absent: the first page). startIndex is then 1 and unused.
   */
  cursor?: { after?: KeysetPosition };
}

export interface ListResult {
  total: number;
  rows: StoredResource[];
  /** In cursor pagination, the position after the page's last row; absent on the last page. */
  next?: KeysetPosition;
  /** The rows' groups, when the store read them with the rows (a userName lookup does, in one statement). */
  groups?: Map<string, GroupRef[]>;
}
