// Generated from docs/openapi.json by packages/client/scripts/generate-schema.mjs; do not edit.
// Regenerate with `npm run client:generate` after changing the spec.

export interface paths {
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the events feed of the key's team, or the installation stream
         * @description The feed without a team in the path: a team-bound API key reads its own team; an installation-wide key names one with `teamId` (id, slug or `ext:<externalId>`), or, without it, reads the installation stream: `team.created`, `team.updated`, `team.deleted`, `plan.changed` (docs/events.md).
         */
        get: operations["listEventsOfKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List teams
         * @description Live teams in creation order, in keyset pages (installation-wide API key only).
         */
        get: operations["listHostTeams"];
        put?: never;
        /**
         * Create a team
         * @description Creates a team (installation-wide API key only) and writes `team.created` on the installation stream. Idempotent on `externalId`.
         */
        post: operations["createHostTeam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * Read a team
         * @description The team, its plan and counts.
         */
        get: operations["getHostTeam"];
        put?: never;
        post?: never;
        /**
         * Delete a team
         * @description Soft delete (installation-wide API key only): the team is invisible on every API at once; its SCIM tokens (SCIM answers `401`), the API keys bound to it and its portal-link sessions are revoked in the same transaction, which writes `team.deleted`. Its slug and externalId are free at once. Its data is purged after `ROLLCALL_DELETED_TEAM_RETENTION_DAYS`.
         */
        delete: operations["deleteHostTeam"];
        options?: never;
        head?: never;
        /**
         * Change a team
         * @description Changes name, slug, plan or externalId (installation-wide API key only); writes `team.updated`, and `plan.changed` when the plan changes, in the same transaction. A plan other than `enterprise` refuses SSO and SCIM at once.
         */
        patch: operations["updateHostTeam"];
        trace?: never;
    };
    "/api/v1/teams/{teamId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * Read the events feed
         * @description A team's events in order (docs/events.md), after an opaque cursor. Durable: a consumer that stores `nextCursor` and asks again never misses or repeats an event, on every database.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * Stream events live (SSE)
         * @description Server-sent events: each event as it commits, `event:` its type, `data:` the event (as in the feed), `id:` its cursor. Reconnect with `Last-Event-ID` to resume exactly after the last event received. With several instances, an event committed on any instance reaches every stream within a second.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * List members
         * @description Every user of the team (active and suspended), in the order they were provisioned, each with the whole profile the IdP sent. Filters combine (all must hold) and page as without them: `group`, `active`, `department`, `updatedSince`. For a host that reconciles: store the time you started a full pass and pass it as `updatedSince` next time to get the members created or changed since; suspended members are included (`active: false`); deleted members are gone from the list (take them from the `user.deleted` events, or compare ids with a full pass). A member's `lastModified` changes with their own attributes, not with their group memberships. Page by `startIndex` or, for deep pages of a large team, by `cursor` (each page then costs the same wherever it is).
         */
        get: operations["listMembers"];
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        put: operations["hostMembersRefusedPut"];
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        post: operations["hostMembersRefusedPost"];
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        delete: operations["hostMembersRefusedDelete"];
        options?: never;
        head?: never;
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        patch: operations["hostMembersRefusedPatch"];
        trace?: never;
    };
    "/api/v1/teams/{teamId}/members/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * Look a member up
         * @description By Rollcall (SCIM) id, `userName`, email or the IdP's `externalId`. `userName` and email compare case-insensitively, `id` and `externalId` exactly. Suspended members are found too: check `active`. The answer carries the whole profile the IdP sent (`MemberProfileFields`), with the manager resolved.
         */
        get: operations["getMember"];
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        put: operations["hostMemberRefusedPut"];
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        post: operations["hostMemberRefusedPost"];
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        delete: operations["hostMemberRefusedDelete"];
        options?: never;
        head?: never;
        /**
         * Refused: members are read-only
         * @description Registered so that a change attempt gets a clear answer instead of a 404: after the API key and team checks, always `403 directory.read_only` with a message pointing to the identity provider. Nothing changes.
         */
        patch: operations["hostMemberRefusedPatch"];
        trace?: never;
    };
    "/api/v1/teams/{teamId}/portal-links": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an admin portal link
         * @description A short-lived, single-use URL that signs the customer's IT admin into this team's dashboard, on the intent's page, with a session scoped to this team and role. Stored only as a hash; recorded with the API key that made it.
         */
        post: operations["createHostPortalLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * May this member spend this now?
         * @description The decision with the remaining amount, the effective limit and where it comes from, and the period. Two indexed reads, O(the member's groups). With `hold: true`, reserves the amount (201) by one conditional update, so concurrent holds never overspend.
         */
        post: operations["authorizeSpend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/holds/{holdId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hold id from an authorization. */
                holdId: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * Read a hold
         * @description Its status: `expired` once past `expiresAt` unsettled.
         */
        get: operations["getSpendHold"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/holds/{holdId}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hold id. */
                holdId: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture a hold
         * @description Records all or part of the hold as usage and frees it. Repeating the same capture answers the same (`replayed: true`). The body may be omitted.
         */
        post: operations["captureSpendHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/holds/{holdId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hold id. */
                holdId: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a hold
         * @description Frees the hold. Releasing a released or expired hold succeeds and changes nothing. No body.
         */
        post: operations["releaseSpendHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * Every member's spend
         * @description Period-to-date spend, effective limit and its source, for every member (suspended included), in directory order.
         */
        get: operations["listSpendMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/members/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * A member's spend
         * @description Period-to-date spend and holds, effective limit with its source, the period, and the member's limited groups.
         */
        get: operations["getSpendMember"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/members/{ref}/increase-requests": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team's id, as printed by `rollcall team create`. */
                teamId: components["parameters"]["teamId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a higher limit
         * @description For a member, from the host product: `{ amount, reason }`. Admins approve or deny it. One pending request per member.
         */
        post: operations["createSpendIncreaseRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/multi-group-members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /**
         * Members in several limited groups
         * @description The members in two or more groups that have a limit, with the limit that wins for each; an index range, paged.
         */
        get: operations["listSpendMultiGroupMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/spend/usage": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record usage or a refund
         * @description Idempotent by `eventId` (per team): a retry answers 200 with the entry first recorded; the same `eventId` with a different request is 409. With `reverses`, a refund of earlier usage (a negative entry). The member's and team's period totals move in the same transaction; crossing 80%/100% of the limit or the team cap writes an event. docs/spend.md.
         */
        post: operations["recordSpendUsage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The error body of the admin API and the host API. */
        ApiError: {
            error: {
                /**
                 * @description Stable, `area.reason`: `auth.required` (401), `auth.forbidden` (403), `directory.read_only` (403), `request.invalid` (400, or the status of a refused request such as 415), `request.invalid_json` (400), `request.invalid_value` (400: U+0000 or a lone UTF-16 surrogate in the body, a query parameter or a path id, a body nested deeper than 32 levels, a repeated query parameter), `request.too_large` (413), `not_found` (404), `internal` (500; the cause is logged with the request id), a domain code such as `team.not_found`, `token.not_found`, `admin.link_invalid`, `admin.session_not_found`, or `scim.<scimType>` for a protocol error.
                 * @example directory.read_only
                 */
                code: string;
                /** @description For people: says what is wrong and what to do. */
                message: string;
            };
        };
        /** @description A user (team member) as the IdP provisioned it: the summary fields and the whole profile (docs/integrate.md). */
        DirectoryUser: {
            /** @description `false` while the IdP has the user suspended. */
            active: boolean;
            /** Format: date-time */
            created: string;
            displayName: string | null;
            /** @description As the IdP sent them. */
            emails: {
                primary?: boolean;
                type?: string;
                value?: string;
            }[];
            /** @description The IdP's id for the user. */
            externalId: string | null;
            groups: {
                displayName: string;
                id: string;
            }[];
            /** @description The SCIM id. */
            id: string;
            /** Format: date-time */
            lastModified: string;
            /**
             * @description Always the identity provider: read-only here.
             * @constant
             */
            managedBy: "idp";
            userName: string;
        } & components["schemas"]["MemberProfileFields"];
        /** @description Users by `userName`. */
        DirectoryUserPage: {
            items: components["schemas"]["DirectoryUser"][];
            /** @description Only when paging by `cursor`: the `cursor` of the next page; null on the last page. */
            nextCursor?: string | null;
            /** @description The 1-based index of the first item, as asked; absent when paging by `cursor`. */
            startIndex?: number;
            /** @description How many match, over all pages. */
            totalResults: number;
        };
        /** @description An event as docs/events.md describes it. */
        Event: {
            /** @description The versioned payload (`data.version`): 2 for `user.*`, whose `profile` is a `MemberProfile`; 1 for every other type (docs/events.md). */
            data: {
                profile?: components["schemas"]["MemberProfile"];
                /** @enum {integer} */
                version?: 1 | 2;
            } & {
                [key: string]: unknown;
            };
            /** @description Unique per event; drop duplicates by it. */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            resourceId?: string;
            /** @enum {string} */
            resourceType?: "User" | "Group" | "Token" | "SsoConnection" | "Webhook" | "Admin";
            /** @description The team's sequence number: 1, 2, 3… in commit order, without gaps. */
            seq: number;
            teamId: string;
            /** @example user.created */
            type: string;
        };
        EventPage: {
            events: components["schemas"]["Event"][];
            /** @description The page was full: ask again at once. */
            hasMore: boolean;
            /** @description Opaque; pass as `after`. Unchanged when the page is empty. */
            nextCursor: string;
        };
        HostTeam: {
            counts: {
                groups: number;
                users: number;
            };
            /** Format: date-time */
            createdAt: string;
            /** @description The host product's own id for the team (its organisation id); unique among live teams. */
            externalId: string | null;
            id: string;
            name: string;
            plan: components["schemas"]["Plan"];
            /** @description The team's SCIM base URL, for the IdP. */
            scimBaseUrl: string;
            slug: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A member's manager. `value` is the reference the IdP sent; when it names a user of the team (by Rollcall id, else externalId, else userName), `id` is that user's id and `displayName` their displayName (else userName), read at request time. Otherwise both are `null`. */
        MemberManager: {
            displayName: string | null;
            id: string | null;
            value: string;
        };
        /** @description `data.profile` of the `user.*` events (payload version 2): the host API's member without `managedBy`. */
        MemberProfile: {
            /** @description `false` while the IdP has the user suspended. */
            active: boolean;
            /** Format: date-time */
            created: string;
            displayName: string | null;
            /** @description As the IdP sent them. */
            emails: {
                primary?: boolean;
                type?: string;
                value?: string;
            }[];
            /** @description The IdP's id for the user. */
            externalId: string | null;
            groups: {
                displayName: string;
                id: string;
            }[];
            /** @description The SCIM id. */
            id: string;
            /** Format: date-time */
            lastModified: string;
            userName: string;
        } & components["schemas"]["MemberProfileFields"];
        /** @description The profile the IdP sent, beyond the summary fields. Every key is always present: `null`, `[]` or `{}` when the IdP sent nothing. */
        MemberProfileFields: {
            /** @description Enterprise User extension. */
            costCenter: string | null;
            /** @description Enterprise User extension, as sent (the `department` filter ignores case). */
            department: string | null;
            /** @description Enterprise User extension. */
            division: string | null;
            /** @description Enterprise User extension. */
            employeeNumber: string | null;
            /** @description Every extension block the schema does not define (custom IdP attributes), keyed by its schema URN, exactly as the IdP sent it; `{}` when none. */
            extensions: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            locale: string | null;
            /** @description Enterprise User `manager`, or `null`. */
            manager: null | components["schemas"]["MemberManager"];
            /** @description The name parts the IdP sent; each `null` when not sent. */
            name: {
                familyName: string | null;
                formatted: string | null;
                givenName: string | null;
                honorificPrefix: string | null;
                honorificSuffix: string | null;
                middleName: string | null;
            };
            nickName: string | null;
            /** @description Enterprise User extension. */
            organization: string | null;
            /** @description As the IdP sent them. */
            phoneNumbers: {
                display?: string;
                primary?: boolean;
                type?: string;
                value?: string;
            }[];
            preferredLanguage: string | null;
            timezone: string | null;
            title: string | null;
            userType: string | null;
        };
        /** @enum {string} */
        Plan: "enterprise" | "team" | "free";
        PortalLinkCreated: {
            /** Format: date-time */
            expiresAt: string;
            /** @description Single use, until `expiresAt`. Send it to the IT admin's browser (a redirect or a button); do not post it where link previews fetch it. */
            url: string;
        };
        PortalLinkRequest: {
            /** @description The IT admin's email: their account (created if new) gets the role; without it, a guest account is made for the link. */
            email?: string;
            /** @default 600 */
            expiresInSeconds?: number;
            /**
             * @description The dashboard page the link opens: SSO and directory open Active Directory Management, scim the SCIM tokens, spend the spend limits, activity the activity log.
             * @enum {string}
             */
            intent: "sso" | "scim" | "spend" | "activity" | "directory";
            /** @description Where the dashboard's "Back to …" leads; its origin must be in `ROLLCALL_PORTAL_RETURN_ORIGINS`. */
            returnUrl?: string;
            /**
             * @description The role granted in the team and the session's role (`viewer` is `member`).
             * @enum {string}
             */
            role: "owner" | "admin" | "member" | "viewer";
        };
        SpendAuthorizeRequest: {
            /** @description Minor units; at least 1 with a hold. */
            amount: number;
            currency: string;
            /** @description Reserve the amount when allowed. */
            hold?: boolean;
            /**
             * @description How long an unsettled hold counts (with `hold` only).
             * @default 900
             */
            holdTtlSeconds?: number;
            member: components["schemas"]["SpendMemberLookup"];
        };
        SpendCaptureRequest: {
            /** @description At most the hold (default: all of it). */
            amount?: number;
            /** @description Ledger event id (default `hold:<holdId>`). */
            eventId?: string;
            metadata?: Record<string, never>;
        };
        SpendCaptureResult: {
            entry: components["schemas"]["SpendLedgerEntry"];
            hold: components["schemas"]["SpendHold"];
            replayed: boolean;
        };
        SpendDecision: {
            allowed: boolean;
            amount: number;
            currency: string;
            /** @description The member's active holds in the period. */
            held: number;
            hold: components["schemas"]["SpendHold"] | null;
            limit: components["schemas"]["SpendEffectiveLimit"];
            member: components["schemas"]["SpendMemberSummary"];
            mode: components["schemas"]["SpendLimitMode"];
            /** @description The request passes the member's limit or the team cap: refused by a hard one (`allowed: false`), allowed by a soft one (`allowed: true`). */
            overLimit: boolean;
            period: components["schemas"]["SpendPeriod"];
            /** @enum {string|null} */
            reason: "member_suspended" | "limit_exceeded" | "team_cap_reached" | null;
            /** @description Left under the limit (and the team cap, when lower) after what is spent and held. Integer minor units; `null`: unlimited. */
            remaining: number | null;
            /** @description The member's spend in the period. */
            spent: number;
            teamCap: {
                amount?: number;
                held?: number;
                mode?: components["schemas"]["SpendLimitMode"];
                /** @description A dynamic cap: the amount per active member. */
                perMember?: number | null;
                remaining?: number;
                spent?: number;
            } | null;
        };
        /** @description A member's effective limit: override, else the highest of their limited groups, else the team default, else unlimited; 0 when suspended. */
        SpendEffectiveLimit: {
            /** @description Per-user limit per period. Integer minor units; `null`: unlimited. */
            amount: number | null;
            mode?: components["schemas"]["SpendLimitMode"];
            source: components["schemas"]["SpendLimitSource"];
        };
        SpendHold: {
            /** @description Reserved, minor units. */
            amount: number;
            capturedAmount: number | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** Format: date-time */
            expiresAt: string;
            id: string;
            ledgerId: string | null;
            memberId: string;
            /** Format: date-time */
            periodStart: string;
            /** Format: date-time */
            settledAt: string | null;
            /** @enum {string} */
            status: "active" | "captured" | "released" | "expired";
        };
        SpendIncreaseRequest: {
            amount: number;
            /** Format: date-time */
            createdAt: string;
            /** @description `null` while pending. */
            decision: {
                /** @description The approved amount; `null` when denied. */
                amount?: number | null;
                /** Format: date-time */
                at?: string;
                by?: {
                    accountId?: string | null;
                    email?: string | null;
                };
                note?: string | null;
                /**
                 * Format: date-time
                 * @description When the approved override ends; `null`: permanent.
                 */
                until?: string | null;
            } | null;
            id: string;
            member: components["schemas"]["SpendMemberSummary"];
            reason: string;
            /** @enum {string} */
            status: "pending" | "approved" | "denied";
        };
        SpendIncreaseRequestInput: {
            /** @description The limit the member asks for. Integer minor units. */
            amount: number;
            reason: string;
        };
        SpendLedgerEntry: {
            /** @description Minor units; negative for a refund. */
            amount: number;
            currency: string;
            eventId: string;
            holdId: string | null;
            id: string;
            /** @enum {string} */
            kind: "usage" | "capture" | "refund";
            member: {
                id: string;
                userName: string | null;
            };
            metadata: Record<string, never> | null;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            periodStart: string;
            /** Format: date-time */
            recordedAt: string;
            /** @description How much of this entry has been refunded (when it was recorded). */
            refunded: number;
            /** @description For a refund: the id of the entry it refunds. */
            reverses: string | null;
        };
        /**
         * @description `hard` (default): refuse beyond the limit. `soft`: allow, flag the answer `overLimit` and alert.
         * @enum {string}
         */
        SpendLimitMode: "hard" | "soft";
        SpendLimitSource: {
            /** @description The winning group (type `group`), else null. */
            groupId: string | null;
            groupName: string | null;
            /** @description Only for an override set by approving an increase request. */
            requestId?: string;
            /**
             * @description Where the limit comes from.
             * @enum {string}
             */
            type: "override" | "group" | "team_default" | "unlimited" | "suspended" | "removed";
            /**
             * Format: date-time
             * @description Only for a temporary override (an approved increase request): when it stops applying.
             */
            until?: string;
        };
        /** @description Exactly one of: Rollcall id, userName (case-insensitive), email (case-insensitive), externalId. */
        SpendMemberLookup: {
            email?: string;
            externalId?: string;
            id?: string;
            userName?: string;
        };
        SpendMemberSpend: {
            currency: string;
            /** @description Active holds. */
            held: number;
            limit: components["schemas"]["SpendEffectiveLimit"];
            /** @description The member's groups that have a limit. */
            limitedGroups: {
                amount: number | null;
                id: string;
                name: string;
            }[];
            member: components["schemas"]["SpendMemberSummary"];
            period: components["schemas"]["SpendPeriod"];
            /** @description What is left. Integer minor units; `null`: unlimited. */
            remaining: number | null;
            /** @description Period-to-date spend. */
            spent: number;
        };
        SpendMemberSpendPage: {
            items: components["schemas"]["SpendMemberSpend"][];
            /** @description Only when paging by `cursor`: the `cursor` of the next page; null on the last page. */
            nextCursor?: string | null;
            /** @description 1-based index of the first item; absent when paging by `cursor`. */
            startIndex?: number;
            /** @description How many there are in all. */
            totalResults: number;
        } & {
            currency?: string;
            period?: components["schemas"]["SpendPeriod"];
        };
        SpendMemberSummary: {
            active?: boolean;
            displayName?: string | null;
            id: string;
            userName: string | null;
        };
        /** @description Members in two or more groups with a limit; `winningGroup` is the one whose limit wins. */
        SpendMultiGroupPage: {
            items: (components["schemas"]["SpendMemberSpend"] & {
                winningGroup?: {
                    amount?: number | null;
                    id?: string;
                    name?: string;
                } | null;
            })[];
            /** @description 1-based index of the first item. */
            startIndex: number;
            /** @description How many there are in all. */
            totalResults: number;
        } & {
            currency?: string;
            period?: components["schemas"]["SpendPeriod"];
        };
        SpendPeriod: {
            /** @description Billing day (monthly, 1–31), ISO weekday (weekly, 1–7), 0 (daily). */
            anchor?: number;
            /**
             * Format: date-time
             * @description Exclusive: the next period starts here.
             */
            end: string;
            /** @enum {string} */
            kind: "monthly" | "weekly" | "daily";
            /**
             * Format: date-time
             * @description Inclusive, ISO 8601 UTC.
             */
            start: string;
        };
        /** @description Usage (member and amount required), or a refund (`reverses`). */
        SpendUsageRequest: {
            /** @description Minor units. For a refund: optional, at most what is left of the original (default: all of it). */
            amount?: number;
            /**
             * @description ISO 4217; must be the team's.
             * @example USD
             */
            currency: string;
            /** @description Your id of this usage: the idempotency key (per team), 1–200 characters. */
            eventId: string;
            member?: components["schemas"]["SpendMemberLookup"];
            /** @description Free-form JSON, up to 8 KiB. */
            metadata?: Record<string, never>;
            /**
             * Format: date-time
             * @description When the usage happened (default: now); at most 5 minutes ahead. It counts in the period it occurred in.
             */
            occurredAt?: string;
            /** @description Makes this a refund of the usage with this eventId (recorded as a negative amount). */
            reverses?: string;
        };
        SpendUsageResult: {
            entry: components["schemas"]["SpendLedgerEntry"];
            /** @description True: a retry of a request already recorded; nothing changed. */
            replayed: boolean;
        };
        /** @description Every field is optional. Without `slug`, one is made from `name` (or `externalId`), with a short suffix if taken. Unknown fields answer `400`. */
        TeamCreateRequest: {
            /** @description The host's id for the team. Makes the create idempotent: a repeat answers `200` with the same team; a repeat whose `name`, `slug` or `plan` differ from the team's answers `409 team.external_id_conflict`. */
            externalId?: string;
            /** @description Display name; default the slug. */
            name?: string;
            plan?: components["schemas"]["Plan"];
            /** @description 1-63 lowercase letters, digits and inner hyphens; not UUID-shaped. */
            slug?: string;
        };
        TeamDeleted: {
            /** Format: date-time */
            deletedAt: string;
            id: string;
            /**
             * Format: date-time
             * @description When the retention purge removes the team's data (`ROLLCALL_DELETED_TEAM_RETENTION_DAYS`).
             */
            purgeAfter: string;
        };
        TeamPage: {
            /** @description Pass as `cursor` for the next page; `null` on the last page. */
            nextCursor: string | null;
            teams: components["schemas"]["HostTeam"][];
        };
        /** @description Only the fields sent change. A plan change gates SSO and SCIM at once (`enterprise` has them). */
        TeamUpdateRequest: {
            /** @description `null` clears it. */
            externalId?: string | null;
            name?: string;
            plan?: components["schemas"]["Plan"];
            slug?: string;
        };
    };
    responses: {
        /** @description The request is malformed: a parameter out of range, a missing field, or a body that is not JSON. */
        ApiBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiError"];
            };
        };
        /** @description No such team, or the API key is bound to another team (answered alike); or no such member. */
        HostNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiError"];
            };
        };
        /** @description This API key is over its rate limit (`ROLLCALL_API_RATE_LIMIT_PER_MINUTE`, `ROLLCALL_API_RATE_LIMIT_BURST`; per instance). Retry after `Retry-After` seconds. */
        HostRateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiError"];
            };
        };
        /** @description Refused: `directory.read_only` — members come from the identity provider and are read-only here; the message says to make the change in the IdP. */
        HostReadOnly: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiError"];
            };
        };
        /** @description No valid API key. */
        HostUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["HostWWWAuthenticate"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiError"];
            };
        };
        /** @description The instance already works on `ROLLCALL_MAX_IN_FLIGHT` requests; nothing was done. Retry after `Retry-After` seconds (always 1), possibly on another instance. On `/scim` the body is a SCIM error with `"status": "503"`. */
        Overloaded: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiError"];
            };
        };
    };
    parameters: {
        /** @description 1-based index of the first item. Not a whole number from 1: `400 request.invalid`. */
        apiStartIndex: number;
        /** @description Items per page. Not a whole number from 0 to 1000: `400 request.invalid`. */
        hostCount: number;
        /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
        hostTeamRef: string;
        /** @description Cursor pagination (RFC 9865's `cursor`): empty for the first page, then the `nextCursor` of the previous page. Each page then costs the same at any depth, and rows added or removed meanwhile neither repeat nor hide the others. A cursor works only for the list it came from (same team, filters and sort); any other value: `400 list.invalid_cursor`. Not with `startIndex` (`400 request.invalid`). Cursors do not expire. */
        listCursor: string;
        /** @description Items per page. Not a whole number from 0 to 500: `400 spend.invalid_request`. */
        spendHostCount: number;
        /** @description 1-based index of the first item. Not a whole number from 1: `400 spend.invalid_request`. */
        spendStartIndex: number;
        /** @description The team's id, as printed by `rollcall team create`. */
        teamId: string;
    };
    requestBodies: never;
    headers: {
        /** @description `Bearer realm="rollcall-api"`. */
        HostWWWAuthenticate: string;
        /** @description Whole seconds to wait before retrying (RFC 9110 §10.2.3). */
        RetryAfter: number;
        /** @description The request id: the caller's `X-Request-Id` when it is 1–128 word characters, dots or dashes, else a new UUID. Also in every log line. */
        XRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listEventsOfKey: {
        parameters: {
            query?: {
                /** @description Return events after this cursor (a `nextCursor`, or an SSE id). Without it: from the team's first event. */
                after?: string;
                /** @description Events per page, 1 to 1000 (default 100). */
                limit?: number;
                /** @description The team, for an installation-wide key. */
                teamId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description A bad cursor or `limit`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    listHostTeams: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
                /** @description Only the team with this externalId. */
                externalId?: string;
                /** @description Teams per page, 1 to 200 (default 50). */
                limit?: number;
                /** @description Only the team with this slug. */
                slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of teams. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamPage"];
                };
            };
            /** @description A bad `limit` or `cursor`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description The API key is bound to one team: creating, listing, changing and deleting teams needs an installation-wide key. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    createHostTeam: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamCreateRequest"];
            };
        };
        responses: {
            /** @description A repeat: a live team already has this `externalId` and agrees with the request; nothing was created. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostTeam"];
                };
            };
            /** @description Created. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostTeam"];
                };
            };
            /** @description Bad input: an unknown field, a wrong type, a bad slug, plan, name or externalId. Nothing was created or changed. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description The API key is bound to one team: creating, listing, changing and deleting teams needs an installation-wide key. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The slug is taken, or a team with this `externalId` differs in `name`, `slug` or `plan`. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    getHostTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostTeam"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    deleteHostTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDeleted"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description The API key is bound to one team: creating, listing, changing and deleting teams needs an installation-wide key. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    updateHostTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamUpdateRequest"];
            };
        };
        responses: {
            /** @description The team as changed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostTeam"];
                };
            };
            /** @description Bad input: an unknown field, a wrong type, a bad slug, plan, name or externalId. Nothing was created or changed. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description The API key is bound to one team: creating, listing, changing and deleting teams needs an installation-wide key. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: components["responses"]["HostNotFound"];
            /** @description The slug or the externalId belongs to another team. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Return events after this cursor (a `nextCursor`, or an SSE id). Without it: from the team's first event. */
                after?: string;
                /** @description Events per page, 1 to 1000 (default 100). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description A cursor this feed did not give out, or a bad `limit`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /** @description Start after this cursor when no `Last-Event-ID` is sent (an `EventSource` cannot set headers on its first connection). */
                after?: string;
            };
            header?: {
                /** @description Resume after this event (browsers send it when they reconnect). Takes precedence over `after`; without either, the stream starts at the team's latest event (live only). */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream (it stays open). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description A cursor this feed did not give out, or a bad `limit`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    listMembers: {
        parameters: {
            query?: {
                /** @description `true`: active members only; `false`: suspended ones only. Anything else: `400 request.invalid`. */
                active?: "true" | "false";
                /** @description Items per page. Not a whole number from 0 to 1000: `400 request.invalid`. */
                count?: components["parameters"]["hostCount"];
                /** @description Cursor pagination (RFC 9865's `cursor`): empty for the first page, then the `nextCursor` of the previous page. Each page then costs the same at any depth, and rows added or removed meanwhile neither repeat nor hide the others. A cursor works only for the list it came from (same team, filters and sort); any other value: `400 list.invalid_cursor`. Not with `startIndex` (`400 request.invalid`). Cursors do not expire. */
                cursor?: components["parameters"]["listCursor"];
                /** @description Members whose Enterprise User `department` equals this, ignoring case (an indexed column). Empty or over 256 characters: `400 request.invalid`. */
                department?: string;
                /** @description Only this group's direct members (a group id of the team; an unknown id: `404`). Read from the membership index. Empty: `400 request.invalid`. */
                group?: string;
                /** @description 1-based index of the first item. Not a whole number from 1: `400 request.invalid`. */
                startIndex?: components["parameters"]["apiStartIndex"];
                /** @description Members created or changed at or after this instant (`lastModified >=`): an ISO 8601 date-time with an offset (`2026-11-22T08:57:11Z`, `2026-11-22T09:57:11+01:00`) or a date (its midnight UTC). Anything else, including a time without offset: `400 request.invalid`. */
                updatedSince?: string;
            };
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of members. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryUserPage"];
                };
            };
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMembersRefusedPut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /** @description Ignored (it must be JSON if sent). */
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMembersRefusedPost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /** @description Ignored (it must be JSON if sent). */
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMembersRefusedDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMembersRefusedPatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /** @description Ignored (it must be JSON if sent). */
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    getMember: {
        parameters: {
            query?: {
                /** @description What `ref` is. Anything else: `400 request.invalid`. */
                by?: "id" | "userName" | "email" | "externalId";
            };
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryUser"];
                };
            };
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMemberRefusedPut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /** @description Ignored (it must be JSON if sent). */
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMemberRefusedPost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /** @description Ignored (it must be JSON if sent). */
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMemberRefusedDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    hostMemberRefusedPatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        /** @description Ignored (it must be JSON if sent). */
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            400: components["responses"]["ApiBadRequest"];
            401: components["responses"]["HostUnauthorized"];
            403: components["responses"]["HostReadOnly"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    createHostPortalLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalLinkRequest"];
            };
        };
        responses: {
            /** @description The link. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalLinkCreated"];
                };
            };
            /** @description Bad input (nothing is stored): an unknown intent or role, a bad email, `expiresInSeconds` out of range, or a `returnUrl` that is not an http(s) URL or whose origin is not in `ROLLCALL_PORTAL_RETURN_ORIGINS`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            404: components["responses"]["HostNotFound"];
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    authorizeSpend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpendAuthorizeRequest"];
            };
        };
        responses: {
            /** @description The decision (no hold taken: none asked, or not allowed). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendDecision"];
                };
            };
            /** @description Allowed, and the hold was taken. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendDecision"];
                };
            };
            /** @description Malformed request; nothing recorded. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Several members share the email. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The currency is not the team's; nothing recorded. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    getSpendHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hold id from an authorization. */
                holdId: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hold. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendHold"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    captureSpendHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hold id. */
                holdId: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SpendCaptureRequest"];
            };
        };
        responses: {
            /** @description Captured. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendCaptureResult"];
                };
            };
            /** @description Malformed request; nothing recorded. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The hold is not active (captured, released or expired), or the event id is taken. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description More than the hold. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    releaseSpendHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hold id. */
                holdId: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hold, released (or already released or expired). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendHold"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The hold was captured. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    listSpendMembers: {
        parameters: {
            query?: {
                /** @description Items per page. Not a whole number from 0 to 500: `400 spend.invalid_request`. */
                count?: components["parameters"]["spendHostCount"];
                /** @description Cursor pagination (RFC 9865's `cursor`): empty for the first page, then the `nextCursor` of the previous page. Each page then costs the same at any depth, and rows added or removed meanwhile neither repeat nor hide the others. A cursor works only for the list it came from (same team, filters and sort); any other value: `400 list.invalid_cursor`. Not with `startIndex` (`400 request.invalid`). Cursors do not expire. */
                cursor?: components["parameters"]["listCursor"];
                /** @description 1-based index of the first item. Not a whole number from 1: `400 spend.invalid_request`. */
                startIndex?: components["parameters"]["spendStartIndex"];
            };
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendMemberSpendPage"];
                };
            };
            /** @description Malformed request; nothing recorded. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    getSpendMember: {
        parameters: {
            query?: {
                /** @description What `ref` is. Anything else: `400 spend.invalid_request`. */
                by?: "id" | "userName" | "email" | "externalId";
            };
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member's spend. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendMemberSpend"];
                };
            };
            /** @description Malformed request; nothing recorded. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Several members share the email. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    createSpendIncreaseRequest: {
        parameters: {
            query?: {
                /** @description What `ref` is. Anything else: `400 spend.invalid_request`. */
                by?: "id" | "userName" | "email" | "externalId";
            };
            header?: never;
            path: {
                /** @description The value to look up (URL-encoded), read as `by` says. */
                ref: string;
                /** @description The team's id, as printed by `rollcall team create`. */
                teamId: components["parameters"]["teamId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpendIncreaseRequestInput"];
            };
        };
        responses: {
            /** @description The pending request. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendIncreaseRequest"];
                };
            };
            /** @description Malformed request; nothing recorded. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The member already has a pending request. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    listSpendMultiGroupMembers: {
        parameters: {
            query?: {
                /** @description Items per page. Not a whole number from 0 to 500: `400 spend.invalid_request`. */
                count?: components["parameters"]["spendHostCount"];
                /** @description 1-based index of the first item. Not a whole number from 1: `400 spend.invalid_request`. */
                startIndex?: components["parameters"]["spendStartIndex"];
            };
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendMultiGroupPage"];
                };
            };
            /** @description Malformed request; nothing recorded. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
    recordSpendUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The team: its id (a UUID), its slug (a slug never looks like a UUID), or `ext:<externalId>`, the host product's own id for it (URL-encode the externalId). A deleted team, or one the API key is not bound to, answers `404`. */
                teamId: components["parameters"]["hostTeamRef"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpendUsageRequest"];
            };
        };
        responses: {
            /** @description A retry of a request already recorded: nothing changed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendUsageResult"];
                };
            };
            /** @description Recorded. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpendUsageResult"];
                };
            };
            /** @description Malformed request; nothing recorded. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            401: components["responses"]["HostUnauthorized"];
            /** @description No such team (or the key is bound to another team); or no such member or hold. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The event id was recorded with a different request; or the member email is ambiguous. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Wrong currency, or a refund larger than what is left. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            429: components["responses"]["HostRateLimited"];
            503: components["responses"]["Overloaded"];
        };
    };
}
