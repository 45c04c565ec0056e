// Admin portal links (issue 11): the host product sends its customer's IT
// admin straight into one team's dashboard page — SSO, SCIM, spend, activity
// or the whole Active Directory Management page — with a short-lived,
// single-use URL. The secret is stored only as a hash (secrets.ts). Following
// the link (a POST from the confirmation page its URL shows: a GET only looks,
// so link previews and scanners never use it) grants the role in the team to
// the account (created if new; an account's higher role is kept) and opens a
// session scoped to that team with the link's role, so a link never reaches
// another team the account may belong to. Each row is the audit record: who made it (API key or owner),
// for whom, and when and into which session it was used.

import type { Clock, Ids } from '../ports.js';
import { DomainError } from '../errors.js';
import { SECRET_PREFIXES, hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';
import { ROLES, ROLE_RANK, type AdminAccessService, type Role } from './admin-access.js';

export const PORTAL_INTENTS = ['sso', 'scim', 'spend', 'activity', 'directory'] as const;
export type PortalIntent = (typeof PORTAL_INTENTS)[number];

/** Where each intent lands in the dashboard (web/src/app.tsx), under /teams/:teamId. */
export const INTENT_PATHS: Record<PortalIntent, string> = {
  sso: '/active-directory',
  scim: '/tokens',
  spend: '/spend',
  activity: '/activity',
  directory: '/active-directory',
};

export const PORTAL_LINK_TTL = { defaultSeconds: 600, minSeconds: 60, maxSeconds: 3600 } as const;

export interface PortalLinkRecord {
  id: string;
  teamId: string;
  tokenHash: string;
  intent: string;
  role: string;
  email: string | null;
  returnUrl: string | null;
  /** Who made it: `api_key:<id>` or `admin:<account id>`. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedByAccountId: string | null;
  usedSessionId: string | null;
}

export interface PortalLinkStore<Tx = unknown> {
  readonly db: Tx;
  insert(tx: Tx, link: PortalLinkRecord): Promise<void>;
  findByHash(tx: Tx, hash: string): Promise<PortalLinkRecord | undefined>;
  /** Marks the link used; false when it already was (single use under races). */
  use(tx: Tx, id: string, at: string): Promise<boolean>;
  recordUse(tx: Tx, id: string, accountId: string, sessionId: string): Promise<void>;
  /** The team's links, newest first. */
  listForTeam(tx: Tx, teamId: string, limit: number): Promise<PortalLinkRecord[]>;
}

/** A link as its audit trail shows it (never the secret or its hash). */
export function portalLinkView(link: PortalLinkRecord, now: Date) {
  return {
    id: link.id,
    intent: link.intent,
    role: link.role,
    email: link.email,
    returnUrl: link.returnUrl,
    createdBy: link.createdBy,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    usedAt: link.usedAt,
    usedByAccountId: link.usedByAccountId,
    status: link.usedAt ? ('used' as const) : new Date(link.expiresAt) <= now ? ('expired' as const) : ('unused' as const),
  };
}

export interface PortalLinkInput {
  intent?: unknown;
  role?: unknown;
  email?: unknown;
  returnUrl?: unknown;
  expiresInSeconds?: unknown;
}

const invalid = (message: string) => new DomainError('portal_link.invalid', message);

/** `viewer` is accepted for the dashboard's read-only role, `member`. */
function roleOf(value: unknown): Role {
  const role = value === 'viewer' ? 'member' : value;
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw invalid(`role must be one of ${ROLES.join(', ')} (viewer means member)`);
  return role as Role;
}

/** The return URL if its origin is one of `origins` (ROLLCALL_PORTAL_RETURN_ORIGINS). */
export function checkReturnUrl(value: unknown, origins: readonly string[]): string {
  if (typeof value !== 'string' || value.length > 2000) throw invalid('returnUrl must be an absolute URL of at most 2000 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('returnUrl must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('returnUrl must be an http(s) URL');
  if (!origins.includes(url.origin)) {
    throw new DomainError(
      'portal_link.return_url_not_allowed',
      origins.length ? `returnUrl's origin ${url.origin} is not one of ROLLCALL_PORTAL_RETURN_ORIGINS` : 'returnUrl is not allowed: set ROLLCALL_PORTAL_RETURN_ORIGINS to the origins links may return to',
    );
  }
  return url.href;
}

const unusableLink = () => new DomainError('portal_link.unusable', 'this link is invalid, expired or already used; ask for a new one');

export function createPortalLinkService(deps: { store: PortalLinkStore; adminAccess: AdminAccessService; clock: Clock; ids: Ids; options: { returnOrigins: readonly string[] } }) {
  const { store, adminAccess, clock, ids, options } = deps;

  /** The link if it exists, is unused and has not expired; else `portal_link.unusable`. */
  async function usable(secret: string): Promise<PortalLinkRecord> {
    if (!looksLike(secret, SECRET_PREFIXES.portalLink)) throw unusableLink();
    const hash = hashSecret(secret);
    const link = await store.findByHash(store.db, hash);
    if (!link || !sameHash(link.tokenHash, hash) || link.usedAt || new Date(link.expiresAt) <= clock.now()) throw unusableLink();
    return link;
  }

  return {
    /** Checks the request and stores the link; the secret is in the answer only. */
    async create(teamId: string, input: PortalLinkInput, createdBy: string): Promise<{ id: string; secret: string; expiresAt: string; intent: PortalIntent; role: Role; returnUrl: string | null }> {
      if (!PORTAL_INTENTS.includes(input.intent as PortalIntent)) throw invalid(`intent must be one of ${PORTAL_INTENTS.join(', ')}`);
      const intent = input.intent as PortalIntent;
      const role = roleOf(input.role);
      let email: string | null = null;
      if (input.email !== undefined) {
        if (typeof input.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(input.email.trim()) || input.email.length > 320) throw invalid('email must be an email address');
        email = input.email.trim();
      }
      const returnUrl = input.returnUrl === undefined ? null : checkReturnUrl(input.returnUrl, options.returnOrigins);
      const ttl = input.expiresInSeconds === undefined ? PORTAL_LINK_TTL.defaultSeconds : input.expiresInSeconds;
      if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < PORTAL_LINK_TTL.minSeconds || ttl > PORTAL_LINK_TTL.maxSeconds) {
        throw invalid(`expiresInSeconds must be a whole number from ${PORTAL_LINK_TTL.minSeconds} to ${PORTAL_LINK_TTL.maxSeconds}`);
      }
      const { secret, hash } = newSecret(SECRET_PREFIXES.portalLink);
      const now = clock.now();
      const link: PortalLinkRecord = {
        id: ids.uuid(),
        teamId,
        tokenHash: hash,
        intent,
        role,
        email,
        returnUrl,
        createdBy,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
        usedAt: null,
        usedByAccountId: null,
        usedSessionId: null,
      };
      await store.insert(store.db, link);
      return { id: link.id, secret, expiresAt: link.expiresAt, intent, role, returnUrl };
    },

    /** The audit trail: the team's latest links, who made them and whether and when they were used. */
    async list(teamId: string, limit = 100) {
      const now = clock.now();
      return (await store.listForTeam(store.db, teamId, limit)).map((link) => portalLinkView(link, now));
    },

    /**
     * Looks at a link without using it (the confirmation page a GET shows):
     * its team's name, the role and the intent, if it is still usable. Link
     * previews and scanners fetch URLs; only `redeem` (a POST) uses a link.
     */
    async inspect(secret: string, teamName: (teamId: string) => Promise<string | undefined>): Promise<{ teamName: string; role: Role; intent: PortalIntent }> {
      const link = await usable(secret);
      const name = await teamName(link.teamId);
      if (name === undefined) throw unusableLink();
      return { teamName: name, role: link.role as Role, intent: link.intent as PortalIntent };
    },

    /**
     * Uses a link: at most once, before it expires, while its team exists
     * (`teamExists`). Answers the new session and where the dashboard opens.
     */
    async redeem(secret: string, teamExists: (teamId: string) => Promise<boolean>) {
      const link = await usable(secret);
      if (!(await teamExists(link.teamId))) throw unusableLink();
      if (!(await store.use(store.db, link.id, clock.now().toISOString()))) throw unusableLink();
      const role = link.role as Role;
      const email = link.email ?? `it-admin-${link.id.slice(0, 8)}@portal.invalid`;
      const account = await adminAccess.ensureAccount(email, link.email ? undefined : 'IT admin (portal link)');
      const current = await adminAccess.roleIn(link.teamId, account.id);
      if (!current || ROLE_RANK[current] < ROLE_RANK[role]) await adminAccess.grant(link.teamId, email, role);
      const { secret: sessionSecret, session } = await adminAccess.openSession(account.id, 'portal', { teamId: link.teamId, role, returnUrl: link.returnUrl });
      await store.recordUse(store.db, link.id, account.id, session.id);
      return { sessionSecret, session, link, accountId: account.id, path: `/teams/${encodeURIComponent(link.teamId)}${INTENT_PATHS[link.intent as PortalIntent]}` };
    },
  };
}

export type PortalLinkService = ReturnType<typeof createPortalLinkService>;
