// @rollcall/client — a typed client for Rollcall's host API (/api/v1).

export { createRollcallClient, type RollcallClient, type Member, type SpendDecision, type MemberLookup } from './client.js';
export { RollcallError, type ClientOptions } from './http.js';
export { type RollcallEvent, type EventFeed, type FeedOptions } from './events.js';
export { verifyWebhook, WebhookVerificationError, type VerifyWebhookInput } from './webhooks.js';
export type { paths, components } from './schema.js';
