// Shapes of the admin API answers the dashboard reads (src/http/api/*-routes.ts).

export type Role = 'owner' | 'admin' | 'member';

export interface TeamRole {
  teamId: string;
  slug: string;
  name: string;
  plan: string;
  role: Role;
}

export interface Me {
  account: { id: string; email: string; name: string | null };
  /** `returnUrl`: the host product's page, when the session came from an admin portal link. */
  session: { id: string; expiresAt: string; method: string; returnUrl?: string };
  csrfToken: string;
  teams: TeamRole[];
}

export interface Team {
  id: string;
  slug: string;
  name: string;
  plan: string;
  role: Role;
  scimBaseUrl: string;
  counts: { users: number; groups: number };
}

export interface ScimToken {
  id: string;
  prefix: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
}

export interface CreatedToken {
  token: ScimToken;
  secret: string;
  scimBaseUrl: string;
}

/** An OAuth client for the team's SCIM token endpoint (client credentials). */
export interface ScimOAuthClient {
  clientId: string;
  label: string | null;
  secretPrefix: string;
  createdAt: string;
  secretRotatedAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'revoked';
}

export interface ScimOAuthClients {
  clients: ScimOAuthClient[];
  tokenEndpoint: string;
  scimBaseUrl: string;
  accessTokenTtlSeconds: number;
}

/** A created or rotated client: the secret is here once. */
export interface ScimOAuthClientSecret {
  client: ScimOAuthClient;
  clientSecret: string;
  tokenEndpoint: string;
  scimBaseUrl: string;
}

export interface Page<T> {
  totalResults: number;
  startIndex: number;
  items: T[];
}

export interface UserSummary {
  id: string;
  userName: string;
  displayName: string | null;
  externalId: string | null;
  active: boolean;
  emails: { value?: string; type?: string; primary?: boolean }[];
  groups: { id: string; displayName: string }[];
  created: string;
  lastModified: string;
  managedBy: 'idp';
}

export interface GroupSummary {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount?: number;
  created: string;
  lastModified: string;
  managedBy: 'idp';
}

export interface GroupMember {
  id: string;
  type: 'User' | 'Group';
  display: string | null;
  userName: string | null;
  /** A user's status; null for a member group. */
  status: 'active' | 'suspended' | null;
}

export interface SessionInfo {
  id: string;
  method: string;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  status: 'active' | 'revoked' | 'expired';
}

/** The setup wizard's steps, in order (src/domain/access/setup-progress.ts). */
export const SETUP_STEPS = ['sso', 'start', 'credentials', 'idp', 'test', 'limits', 'review'] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];

/** Where the team's setup wizard is, kept on the server. */
export interface SetupProgress {
  step: number;
  completed: SetupStepId[];
  finishedAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A team's admin (src/http/api/team-admins-routes.ts). */
export interface TeamAdmin {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  addedAt: string;
  lastSignInAt: string | null;
}

/** A one-time sign-in link to copy, and whether it was emailed. */
export interface AdminLink {
  link: string;
  expiresAt: string;
  emailed: boolean;
  emailReason?: 'mail.not_configured' | 'mail.failed';
}
