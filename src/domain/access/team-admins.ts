// A team's admins as its owners manage them: invite by email (a role at
// once, and a one-time sign-in link shown to copy and emailed when SMTP is
// configured), resend a link, change a role, remove. A team always keeps at
// least one owner, only owners change anything (checked again under the
// team's lock, so nobody raises their own role), and every change writes an
// event (`admin.invited`, `admin.role_changed`, `admin.removed`, with `by`).

import type { Clock, Ids } from '../ports.js';
import type { Mailer } from '../mail.js';
import { DomainError } from '../errors.js';
import { createEventFactory } from '../events.js';
import { ROLES, type AdminAccessService, type Role } from './admin-access.js';
import { deliver, invitationMail, signInLinkMail, signInUrl, type MailOutcome } from './admin-mail.js';
import type { TeamAdminRecord, TeamAdminsStore } from './store.js';

export interface Actor {
  accountId: string;
  email: string;
}

export interface TeamAdminView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  addedAt: string;
  lastSignInAt: string | null;
}

/** A link and what became of its email. The URL holds a secret: show it to the owner, never log it. */
export type LinkOutcome = { link: string; expiresAt: string } & MailOutcome;

const view = (r: TeamAdminRecord): TeamAdminView => ({ id: r.accountId, email: r.email, name: r.name, role: r.role, addedAt: r.addedAt, lastSignInAt: r.lastSignInAt });

function checkRole(role: unknown): Role {
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new DomainError('admin.invalid_role', `role must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

export function createTeamAdminsService(deps: {
  store: TeamAdminsStore;
  adminAccess: AdminAccessService;
  mailer: Mailer;
  clock: Clock;
  ids: Ids;
  /** Called after a transaction that wrote events committed (wakes the live feed). */
  onEvents?: (teamId: string) => void;
}) {
  const { store, adminAccess, mailer, clock, ids } = deps;
  const event = createEventFactory(clock, ids);

  /**
   * Runs a change with the team locked, once the actor is found to be an
   * owner under that lock (the HTTP check ran before it: an owner demoted
   * meanwhile changes nothing).
   */
  async function inTeam<T>(teamId: string, by: Actor, fn: (tx: unknown, team: { id: string; name: string }) => Promise<T>): Promise<T> {
    const result = await store.transaction(async (tx) => {
      const team = await store.lockTeam(tx, teamId);
      if (!team) throw new DomainError('team.not_found', `no team "${teamId}"`);
      const actor = await store.find(tx, teamId, by.accountId);
      if (actor?.role !== 'owner') throw new DomainError('admin.owner_required', `only the team's owners manage its admins; you are ${actor?.role ?? 'not in the team'}`);
      return fn(tx, team);
    });
    deps.onEvents?.(teamId);
    return result;
  }

  async function mustFind(tx: unknown, teamId: string, accountId: string): Promise<TeamAdminRecord> {
    const admin = await store.find(tx, teamId, accountId);
    if (!admin) throw new DomainError('admin.not_found', `no admin "${accountId}" in this team`);
    return admin;
  }

  /** Refuses to leave the team without an owner. */
  async function keepAnOwner(tx: unknown, teamId: string, admin: TeamAdminRecord, doing: string): Promise<void> {
    if (admin.role === 'owner' && (await store.countOwners(tx, teamId)) <= 1) {
      throw new DomainError('admin.last_owner', `${admin.email} is the team's last owner: make another admin an owner before you ${doing}`);
    }
  }

  async function linkFor(accountId: string, teamId: string, publicUrl: string) {
    const { secret, expiresAt } = await adminAccess.createSignInLink(accountId);
    return { url: signInUrl(publicUrl, secret, teamId), expiresAt };
  }

  return {
    async list(teamId: string): Promise<TeamAdminView[]> {
      return (await store.list(store.db, teamId)).map(view);
    },

    /** Gives the email (a new account, or one that exists) a role in the team, and a link to accept. */
    async invite(teamId: string, input: { email: unknown; role: unknown }, by: Actor, publicUrl: string): Promise<{ admin: TeamAdminView } & LinkOutcome> {
      const role = checkRole(input.role);
      if (typeof input.email !== 'string' || input.email.length > 254) throw new DomainError('admin.invalid_email', 'email must be an email address');
      const account = await adminAccess.ensureAccount(input.email);
      const { admin, teamName } = await inTeam(teamId, by, async (tx, team) => {
        const existing = await store.find(tx, teamId, account.id);
        if (existing) throw new DomainError('admin.already_admin', `${existing.email} is already in this team (${existing.role}): resend their link or change their role instead`);
        await store.insertRole(tx, teamId, account.id, role, clock.now().toISOString());
        await store.appendEvents(tx, [event(teamId, 'admin.invited', { type: 'Admin', id: account.id }, { accountId: account.id, email: account.email, role, resent: false, by: by.email })]);
        return { admin: await mustFind(tx, teamId, account.id), teamName: team.name };
      });
      const link = await linkFor(account.id, teamId, publicUrl);
      const mail = await deliver(mailer, invitationMail({ to: account.email, teamName, role, url: link.url, expiresAt: link.expiresAt, invitedBy: by.email }));
      return { admin: view(admin), link: link.url, expiresAt: link.expiresAt, ...mail };
    },

    /** A new one-time link for someone already in the team (earlier links keep working until used or expired). */
    async resend(teamId: string, accountId: string, by: Actor, publicUrl: string): Promise<LinkOutcome> {
      const { admin, teamName } = await inTeam(teamId, by, async (tx, team) => {
        const found = await mustFind(tx, teamId, accountId);
        await store.appendEvents(tx, [event(teamId, 'admin.invited', { type: 'Admin', id: accountId }, { accountId, email: found.email, role: found.role, resent: true, by: by.email })]);
        return { admin: found, teamName: team.name };
      });
      const link = await linkFor(accountId, teamId, publicUrl);
      // Someone who has signed in before gets a sign-in link; someone who never did, the invitation again.
      const message = admin.lastSignInAt
        ? signInLinkMail({ to: admin.email, teamName, role: admin.role, url: link.url, expiresAt: link.expiresAt })
        : invitationMail({ to: admin.email, teamName, role: admin.role, url: link.url, expiresAt: link.expiresAt, invitedBy: by.email });
      return { link: link.url, expiresAt: link.expiresAt, ...(await deliver(mailer, message)) };
    },

    async changeRole(teamId: string, accountId: string, roleInput: unknown, by: Actor): Promise<TeamAdminView> {
      const role = checkRole(roleInput);
      return inTeam(teamId, by, async (tx) => {
        const admin = await mustFind(tx, teamId, accountId);
        if (admin.role === role) return view(admin);
        if (role !== 'owner') await keepAnOwner(tx, teamId, admin, 'change this role');
        await store.updateRole(tx, teamId, accountId, role);
        await store.appendEvents(tx, [event(teamId, 'admin.role_changed', { type: 'Admin', id: accountId }, { accountId, email: admin.email, role, previousRole: admin.role, by: by.email })]);
        return view({ ...admin, role });
      });
    },

    async remove(teamId: string, accountId: string, by: Actor): Promise<void> {
      await inTeam(teamId, by, async (tx) => {
        const admin = await mustFind(tx, teamId, accountId);
        await keepAnOwner(tx, teamId, admin, 'remove them');
        await store.deleteRole(tx, teamId, accountId);
        await store.appendEvents(tx, [event(teamId, 'admin.removed', { type: 'Admin', id: accountId }, { accountId, email: admin.email, previousRole: admin.role, by: by.email })]);
      });
    },

    /**
     * Emails a sign-in link the caller already made (the CLI's `admin link`),
     * when SMTP is configured; the caller shows the link either way.
     */
    async emailSignInLink(to: { email: string; teamName: string; role: Role }, link: { url: string; expiresAt: string }): Promise<MailOutcome> {
      return deliver(mailer, signInLinkMail({ to: to.email, teamName: to.teamName, role: to.role, url: link.url, expiresAt: link.expiresAt }));
    },
  };
}

export type TeamAdminsService = ReturnType<typeof createTeamAdminsService>;
