// RFC 7643 §5–7 and §8.7.2: the schemas of the discovery resources
// themselves (ServiceProviderConfig, ResourceType, Schema), so that a client
// that walks /Schemas can describe every document the server serves. They
// are served, never used to validate input: every attribute is readOnly.

import type { AttributeDef, SchemaDef } from './types.js';
import { READ_ONLY_STRING } from './read-only-string.js';

export const SERVICE_PROVIDER_CONFIG_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_URN = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

const base = READ_ONLY_STRING;

type Extra = Partial<Omit<AttributeDef, 'name' | 'description'>>;
const attr = (name: string, description: string, extra: Extra = {}): AttributeDef => ({ ...base, name, description, ...extra });
const flag = (name: string, description: string) => attr(name, description, { type: 'boolean', required: true });
const uri = (name: string, description: string, extra: Extra = {}) => attr(name, description, { type: 'reference', referenceTypes: ['external'], ...extra });
const feature = (name: string, description: string, subs: AttributeDef[] = []): AttributeDef =>
  attr(name, description, { type: 'complex', required: true, subAttributes: [flag('supported', 'A Boolean value specifying whether or not the operation is supported.'), ...subs] });

export const serviceProviderConfigSchema: SchemaDef = {
  id: SERVICE_PROVIDER_CONFIG_URN,
  name: 'Service Provider Configuration',
  description: "Schema for representing the service provider's configuration",
  attributes: [
    uri('documentationUri', 'An HTTP-addressable URL pointing to the service provider\'s human-consumable help documentation.'),
    feature('patch', 'A complex type that specifies PATCH configuration options.'),
    feature('bulk', 'A complex type that specifies bulk configuration options.', [
      attr('maxOperations', 'An integer value specifying the maximum number of operations.', { type: 'integer', required: true }),
      attr('maxPayloadSize', 'An integer value specifying the maximum payload size in bytes.', { type: 'integer', required: true }),
    ]),
    feature('filter', 'A complex type that specifies FILTER options.', [
      attr('maxResults', 'An integer value specifying the maximum number of resources returned in a response.', { type: 'integer', required: true }),
    ]),
    feature('changePassword', 'A complex type that specifies configuration options related to changing a password.'),
    feature('sort', 'A complex type that specifies sort result options.'),
    feature('etag', 'A complex type that specifies ETag configuration options.'),
    // RFC 9865 §4.
    attr('pagination', 'A complex type that specifies pagination configuration options.', {
      type: 'complex',
      subAttributes: [
        attr('cursor', 'A Boolean value specifying support of cursor-based pagination.', { type: 'boolean' }),
        attr('index', 'A Boolean value specifying support of index-based pagination.', { type: 'boolean' }),
        attr('defaultPaginationMethod', 'A string value specifying the type of pagination that the service provider defaults to when the client has not specified which method it wishes to use.', { canonicalValues: ['cursor', 'index'] }),
        attr('defaultPageSize', 'Non-negative integer value specifying the default number of results returned in a page when a count is not specified in the query.', { type: 'integer' }),
        attr('maxPageSize', 'Non-negative integer specifying the maximum number of results returned in a page regardless of what is specified for the count in a query.', { type: 'integer' }),
        attr('cursorTimeout', 'Non-negative integer specifying the minimum number of seconds that a cursor is valid between page requests.', { type: 'integer' }),
      ],
    }),
    attr('authenticationSchemes', 'A complex type that specifies supported authentication scheme properties.', {
      type: 'complex',
      multiValued: true,
      required: true,
      subAttributes: [
        attr('type', 'The authentication scheme.', { required: true, canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'] }),
        attr('name', 'The common authentication scheme name, e.g., HTTP Basic.', { required: true }),
        attr('description', 'A description of the authentication scheme.', { required: true }),
        uri('specUri', "An HTTP-addressable URL pointing to the authentication scheme's specification."),
        uri('documentationUri', "An HTTP-addressable URL pointing to the authentication scheme's usage documentation."),
        attr('primary', 'Whether this is the preferred authentication scheme.', { type: 'boolean' }),
      ],
    }),
  ],
};

export const resourceTypeSchema: SchemaDef = {
  id: RESOURCE_TYPE_URN,
  name: 'ResourceType',
  description: 'Specifies the schema that describes a SCIM resource type',
  attributes: [
    attr('id', "The resource type's server unique id. May be the same as the 'name' attribute."),
    attr('name', "The resource type name. When applicable, service providers MUST specify the name, e.g., 'User'.", { required: true }),
    attr('description', "The resource type's human-readable description."),
    attr('endpoint', "The resource type's HTTP-addressable endpoint relative to the Base URL, e.g., '/Users'.", { type: 'reference', referenceTypes: ['uri'], required: true }),
    attr('schema', "The resource type's primary/base schema URI.", { type: 'reference', referenceTypes: ['uri'], required: true, caseExact: true }),
    attr('schemaExtensions', "A list of URIs of the resource type's schema extensions.", {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        attr('schema', 'The URI of a schema extension.', { type: 'reference', referenceTypes: ['uri'], required: true, caseExact: true }),
        attr('required', 'A Boolean value that specifies whether or not the schema extension is required for the resource type.', { type: 'boolean', required: true }),
      ],
    }),
  ],
};

/** §7: the characteristics of one attribute, shared by `attributes` and `subAttributes`. */
const characteristics: AttributeDef[] = [
  attr('name', "The attribute's name.", { required: true, caseExact: true }),
  attr('type', "The attribute's data type.", { required: true, canonicalValues: ['string', 'complex', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'] }),
  attr('multiValued', 'A Boolean value indicating an attribute\'s plurality.', { type: 'boolean', required: true }),
  attr('description', 'A human-readable description of the attribute.', { caseExact: true }),
  attr('required', 'A boolean value indicating whether or not the attribute is required.', { type: 'boolean' }),
  attr('canonicalValues', 'A collection of canonical values.', { multiValued: true, caseExact: true }),
  attr('caseExact', 'A Boolean value indicating whether or not a string attribute is case sensitive.', { type: 'boolean' }),
  attr('mutability', 'Indicates whether or not an attribute is modifiable.', { caseExact: true, canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] }),
  attr('returned', 'Indicates when an attribute is returned in a response (e.g., to a query).', { caseExact: true, canonicalValues: ['always', 'never', 'default', 'request'] }),
  attr('uniqueness', 'Indicates how unique a value must be.', { caseExact: true, canonicalValues: ['none', 'server', 'global'] }),
  attr('referenceTypes', 'Used only with an attribute of type \'reference\'. Specifies a SCIM resourceType that a reference attribute MAY refer to.', { multiValued: true, caseExact: true }),
];

export const schemaSchema: SchemaDef = {
  id: SCHEMA_URN,
  name: 'Schema',
  description: 'Specifies the schema attribute structure',
  attributes: [
    attr('id', 'The unique URI of the schema.', { required: true, caseExact: true }),
    attr('name', 'The schema\'s human-readable name.'),
    attr('description', 'The schema\'s human-readable description.'),
    attr('attributes', "A complex attribute that includes the attributes of a schema.", {
      type: 'complex',
      multiValued: true,
      required: true,
      subAttributes: [
        ...characteristics,
        attr('subAttributes', 'Used to define the sub-attributes of a complex attribute.', { type: 'complex', multiValued: true, subAttributes: characteristics }),
      ],
    }),
  ],
};

/** In the order RFC 7643 §5–7 define them. */
export const DISCOVERY_SCHEMAS: readonly SchemaDef[] = [serviceProviderConfigSchema, resourceTypeSchema, schemaSchema];
