// RFC 7644 §4 and RFC 7643 §5–7: the discovery documents served at
// /ServiceProviderConfig, /ResourceTypes and /Schemas, generated from the same
// registry that validates and projects resources. `baseUrl` is the team's SCIM
// root (`http://host/scim/v2/<teamId>`); `meta.location` hangs off it.

import { createRegistry } from './registry.js';
import type { AttributeDef, ResourceSchema, SchemaDef } from './types.js';
import { DISCOVERY_SCHEMAS, RESOURCE_TYPE_URN, SCHEMA_URN, SERVICE_PROVIDER_CONFIG_URN } from './discovery-schemas.js';

export { RESOURCE_TYPE_URN, SCHEMA_URN, SERVICE_PROVIDER_CONFIG_URN };
export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface DiscoveryOptions {
  baseUrl: string;
  documentationUri?: string;
  /** The team's OAuth 2.0 token endpoint (client credentials); advertised as a second scheme when given. */
  oauthTokenEndpoint?: string;
  bulk: { maxOperations: number; maxPayloadSize: number };
  filter: { maxResults: number };
  /** RFC 9865 §4: the page size when a request names no count. */
  pagination: { defaultPageSize: number };
}

type Json = Record<string, unknown>;

export interface ListResponse {
  schemas: string[];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: Json[];
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** RFC 7643 §5. Features Rollcall implements are advertised as supported. */
export function serviceProviderConfig(options: DiscoveryOptions): Json {
  const base = trimSlash(options.baseUrl);
  const config: Json = { schemas: [SERVICE_PROVIDER_CONFIG_URN] };
  if (options.documentationUri) config.documentationUri = options.documentationUri;
  Object.assign(config, {
    patch: { supported: true },
    bulk: { supported: true, maxOperations: options.bulk.maxOperations, maxPayloadSize: options.bulk.maxPayloadSize },
    filter: { supported: true, maxResults: options.filter.maxResults },
    // Members sign in through SSO; Rollcall never stores a password to change.
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    // RFC 9865 §4. Index pagination stays the default (what RFC 7644 clients
    // expect); cursors never expire (domain/directory/list-cursor.ts), so no
    // cursorTimeout is advertised.
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: options.pagination.defaultPageSize,
      maxPageSize: options.filter.maxResults,
    },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication scheme using the OAuth Bearer Token Standard: the SCIM token issued for the team.',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        ...(options.documentationUri ? { documentationUri: options.documentationUri } : {}),
        primary: true,
      },
      ...(options.oauthTokenEndpoint
        ? [
            {
              type: 'oauth2',
              name: 'OAuth 2.0 Client Credentials',
              description: `OAuth 2.0 client credentials grant (RFC 6749 §4.4): trade the team's OAuth client id and secret (client_secret_basic or client_secret_post) at the token endpoint ${options.oauthTokenEndpoint} for a short-lived access token, then send it as a bearer token.`,
              specUri: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.4',
              // RFC 7643 §5 has no attribute for a token endpoint; its address is where to use this scheme.
              documentationUri: options.oauthTokenEndpoint,
              primary: false,
            },
          ]
        : []),
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  });
  return config;
}

function resourceTypeJson(base: string, resource: ResourceSchema): Json {
  const { type } = resource;
  const json: Json = {
    schemas: [RESOURCE_TYPE_URN],
    id: type.id,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema,
  };
  // §8.6 omits schemaExtensions for a type that has none (Group).
  if (type.schemaExtensions.length > 0) {
    json.schemaExtensions = type.schemaExtensions.map((ext) => ({ schema: ext.schema, required: ext.required }));
  }
  json.meta = { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.id}` };
  return json;
}

/** §7 attribute characteristics, in the order §8.7.1 prints them. */
function attributeJson(attr: AttributeDef): Json {
  const json: Json = {
    name: attr.name,
    type: attr.type,
    multiValued: attr.multiValued,
    description: attr.description,
    required: attr.required,
    caseExact: attr.caseExact,
  };
  if (attr.canonicalValues) json.canonicalValues = [...attr.canonicalValues];
  if (attr.referenceTypes) json.referenceTypes = [...attr.referenceTypes];
  json.mutability = attr.mutability;
  json.returned = attr.returned;
  json.uniqueness = attr.uniqueness;
  if (attr.subAttributes) json.subAttributes = attr.subAttributes.map(attributeJson);
  return json;
}

function schemaJson(base: string, schema: SchemaDef): Json {
  return {
    schemas: [SCHEMA_URN],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeJson),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}

function listResponse(resources: Json[]): ListResponse {
  return {
    schemas: [LIST_RESPONSE_URN],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  };
}

/** GET /ResourceTypes (RFC 7644 §4): a ListResponse of User and Group. */
export function resourceTypes(baseUrl: string): ListResponse {
  const base = trimSlash(baseUrl);
  return listResponse(createRegistry().resourceTypes.map((resource) => resourceTypeJson(base, resource)));
}

/** GET /ResourceTypes/{id}; undefined when no resource type has that id (the caller answers 404). */
export function resourceTypeById(baseUrl: string, id: string): Json | undefined {
  const wanted = id.toLowerCase();
  const found = createRegistry().resourceTypes.find((resource) => resource.type.id.toLowerCase() === wanted);
  return found && resourceTypeJson(trimSlash(baseUrl), found);
}

/** Every schema served: the resources' (core User, Enterprise User, core Group), then the discovery documents'. */
const servedSchemas = (): SchemaDef[] => [...createRegistry().schemas, ...DISCOVERY_SCHEMAS];

/** GET /Schemas (RFC 7644 §4): a ListResponse of every schema served. */
export function schemas(baseUrl: string): ListResponse {
  const base = trimSlash(baseUrl);
  return listResponse(servedSchemas().map((schema) => schemaJson(base, schema)));
}

/** GET /Schemas/{urn}, the URN matched case-insensitively; undefined when unknown. */
export function schemaById(baseUrl: string, id: string): Json | undefined {
  const wanted = id.toLowerCase();
  const found = servedSchemas().find((schema) => schema.id.toLowerCase() === wanted);
  return found && schemaJson(trimSlash(baseUrl), found);
}
