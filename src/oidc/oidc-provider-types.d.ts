// The part of oidc-provider 8's API Rollcall uses (the package ships no
// types). Shapes follow node-oidc-provider's docs/README.md.

declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AdapterPayload {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    accountId?: string;
    consumed?: number;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: unknown, rejected: string[]): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface InteractionRecord {
    uid: string;
    exp: number;
    returnTo: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    result?: Record<string, unknown>;
    session?: { accountId?: string };
    grantId?: string;
    save(ttl: number): Promise<string>;
  }

  export interface GrantRecord {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface KoaContextWithOIDC {
    oidc: {
      params: Record<string, unknown>;
      client?: { clientId: string; grantTypeAllowed(type: string): boolean; [key: string]: unknown };
      session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      account?: Account;
      requestParamScopes: Set<string>;
      requestParamClaims: Set<string>;
      result?: { consent?: { grantId?: string } };
      provider: Provider;
    };
    [key: string]: unknown;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionRecord>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    Interaction: { find(uid: string): Promise<InteractionRecord | undefined> };
    Grant: { new (init: { clientId: string; accountId: string }): GrantRecord; find(id: string): Promise<GrantRecord | undefined> };
  }

  export class Check {
    static REQUEST_PROMPT: boolean;
    static NO_NEED_TO_PROMPT: boolean;
    constructor(reason: string, description: string, error: string, check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>);
  }

  export const interactionPolicy: {
    Check: typeof Check;
    base(): { get(name: string): { checks: { add(check: Check): void } } | undefined };
  };

  export const errors: {
    InvalidRequest: new (description: string) => Error;
    InvalidClientMetadata: new (description: string) => Error;
  };

  export default Provider;
}
