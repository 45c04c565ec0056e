// The event catalogue: names are `noun.past_verb`; payloads carry a
// `version` so consumers can evolve with them (docs/events.md).

import type { StoredResource } from './directory/types.js';
import type { Clock, Ids } from './ports.js';

export const EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.suspended',
  'user.reactivated',
  'user.deleted',
  'group.created',
  'group.updated',
  'group.renamed',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
  'token.created',
  'token.revoked',
  'token.expiring',
  'scim_oauth_client.created',
  'scim_oauth_client.secret_rotated',
  'scim_oauth_client.revoked',
  'spend.limit_changed',
  'spend.threshold_crossed',
  'spend.team_cap_reached',
  'spend.threshold_reached',
  'spend.increase_requested',
  'spend.increase_approved',
  'spend.increase_denied',
  'sso.configured',
  'sso.activated',
  'sso.test_failed',
  'sso.disabled',
  'sso.enabled',
  'webhook.endpoint_disabled',
  'team.created',
  'team.updated',
  'team.deleted',
  'plan.changed',
  'admin.invited',
  'admin.role_changed',
  'admin.removed',
] as const;

/**
 * The stream of installation-wide events (team.*, plan.changed): read with an
 * installation-wide API key at GET /api/v1/events without `teamId`. Team ids
 * are UUIDs, so it never names a team.
 */
export const INSTALLATION_STREAM = 'installation';

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * An event as a service writes it to the outbox, in the transaction of its
 * change. Declared here, once: every feature's port appends it, and the feed,
 * webhooks and storage read it back as a StoredEvent.
 */
export interface DomainEvent {
  id: string;
  teamId: string;
  type: string;
  occurredAt: string;
  resourceType?: string;
  resourceId?: string;
  data: Record<string, unknown>;
}

/** An event read back from the outbox, with its place in the team's gap-free sequence (the feed's cursor). */
export interface StoredEvent extends DomainEvent {
  seq: number;
}

export const PAYLOAD_VERSION = 1;
/** user.* payloads: version 1's `user` summary, plus the member's `profile` (domain/directory/member-profile.ts). */
export const USER_PAYLOAD_VERSION = 2;

export function userSummary(user: StoredResource) {
  const r = user.resource;
  return {
    id: user.id,
    userName: r.userName,
    externalId: r.externalId ?? null,
    displayName: r.displayName ?? null,
    active: r.active !== false,
    emails: Array.isArray(r.emails) ? (r.emails as { value?: unknown }[]).map((e) => e.value) : [],
  };
}

export function groupSummary(group: StoredResource) {
  return { id: group.id, displayName: group.resource.displayName, externalId: group.resource.externalId ?? null };
}

export function createEventFactory(clock: Clock, ids: Ids) {
  return (teamId: string, type: EventType, resource: { type: 'User' | 'Group' | 'Token' | 'OAuthClient' | 'SsoConnection' | 'Webhook' | 'Admin' | 'Team'; id: string }, data: Record<string, unknown>): DomainEvent => ({
    id: ids.timeOrdered?.() ?? ids.uuid(),
    teamId,
    type,
    occurredAt: clock.now().toISOString(),
    resourceType: resource.type,
    resourceId: resource.id,
    data: { version: PAYLOAD_VERSION, ...data },
  });
}

export type EventFactory = ReturnType<typeof createEventFactory>;
