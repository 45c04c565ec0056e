// RFC 7643 §4.1 and §8.7.1: the core User schema, attribute for attribute as
// published in §8.7.1 (descriptions included: /Schemas serves this object).
//
// Deliberate differences from §8.7.1, each with its reason:
// - userName: uniqueness "server" and caseExact false, as the RFC has it; we
//   rely on both (one userName per team, matched case-insensitively).
// - password: writeOnly / returned "never" as in the RFC, and never stored:
//   Rollcall members sign in through SSO, so a password is accepted and dropped.
// - Attributes the RFC publishes without caseExact or uniqueness (booleans,
//   complex parents) get caseExact false and uniqueness "none", since the
//   AttributeDef shape requires both; those are the RFC 7643 §7 defaults.

import type { AttributeDef, SchemaDef } from './types.js';

export const CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';

const text = {
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const;

const flag = { ...text, type: 'boolean' } as const;
const many = { ...text, type: 'complex', multiValued: true } as const;

const display: AttributeDef = {
  ...text,
  name: 'display',
  description: 'A human-readable name, primarily used for display purposes.  READ-ONLY.',
};

function primary(example: string): AttributeDef {
  return {
    ...flag,
    name: 'primary',
    description:
      `A Boolean value indicating the 'primary' or preferred attribute value for this attribute${example}.  ` +
      "The primary attribute value 'true' MUST appear no more than once.",
  };
}

function label(description: string, canonicalValues?: string[]): AttributeDef {
  return { ...text, name: 'type', description, ...(canonicalValues ? { canonicalValues } : {}) };
}

const nameParts: AttributeDef[] = [
  ['formatted', "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III')."],
  ['familyName', "The family name of the User, or last name in most Western languages (e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III')."],
  ['givenName', "The given name of the User, or first name in most Western languages (e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III')."],
  ['middleName', "The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III')."],
  ['honorificPrefix', "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III')."],
  ['honorificSuffix', "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III')."],
].map(([name, description]) => ({ ...text, name, description }));

const addressParts: AttributeDef[] = [
  ['formatted', 'The full mailing address, formatted for display or use with a mailing label.  This attribute MAY contain newlines.'],
  ['streetAddress', 'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information.  This attribute MAY contain newlines.'],
  ['locality', 'The city or locality component.'],
  ['region', 'The state or region component.'],
  ['postalCode', 'The zip code or postal code component.'],
  ['country', 'The country name component.'],
].map(([name, description]) => ({ ...text, name, description }));

const groupRef = { ...text, mutability: 'readOnly' } as const;

export const coreUserSchema: SchemaDef = {
  id: CORE_USER_URN,
  name: 'User',
  description: 'User Account',
  attributes: [
    {
      ...text,
      name: 'userName',
      description:
        "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value.  This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.",
      required: true,
      uniqueness: 'server',
    },
    {
      ...text,
      name: 'name',
      type: 'complex',
      description:
        "The components of the user's real name. Providers MAY return just the full name as a single string in the formatted sub-attribute, or they MAY return just the individual component attributes using the other sub-attributes, or they MAY return both.  If both variants are returned, they SHOULD be describing the same name, with the formatted name indicating how the component attributes should be combined.",
      subAttributes: nameParts,
    },
    { ...text, name: 'displayName', description: 'The name of the User, suitable for display to end-users.  The name SHOULD be the full name of the User being described, if known.' },
    { ...text, name: 'nickName', description: "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'.  This attribute SHOULD NOT be used to represent a User's username (e.g., 'bjensen' or 'mpepperidge')." },
    { ...text, name: 'profileUrl', type: 'reference', referenceTypes: ['external'], description: "A fully qualified URL pointing to a page representing the User's online profile." },
    { ...text, name: 'title', description: 'The user\'s title, such as "Vice President."' },
    { ...text, name: 'userType', description: "Used to identify the relationship between the organization and the user.  Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used." },
    { ...text, name: 'preferredLanguage', description: "Indicates the User's preferred written or spoken language.  Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US." },
    { ...text, name: 'locale', description: "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations." },
    { ...text, name: 'timezone', description: "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'." },
    { ...flag, name: 'active', description: "A Boolean value indicating the User's administrative status." },
    {
      ...text,
      name: 'password',
      description:
        "The User's cleartext password.  This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.",
      mutability: 'writeOnly',
      returned: 'never',
    },
    {
      ...many,
      name: 'emails',
      description:
        "Email addresses for the user.  The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.",
      subAttributes: [
        { ...text, name: 'value', description: "Email addresses for the user.  The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'." },
        display,
        label("A label indicating the attribute's function, e.g., 'work' or 'home'.", ['work', 'home', 'other']),
        primary(', e.g., the preferred mailing address or primary email address'),
      ],
    },
    {
      ...many,
      name: 'phoneNumbers',
      description:
        "Phone numbers for the User.  The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
      subAttributes: [
        { ...text, name: 'value', description: 'Phone number of the User.' },
        display,
        label("A label indicating the attribute's function, e.g., 'work', 'home', 'mobile'.", ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
        primary(', e.g., the preferred phone number or primary phone number'),
      ],
    },
    {
      ...many,
      name: 'ims',
      description: 'Instant messaging addresses for the User.',
      subAttributes: [
        { ...text, name: 'value', description: 'Instant messaging address for the User.' },
        display,
        label("A label indicating the attribute's function, e.g., 'aim', 'gtalk', 'xmpp'.", ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
        primary(', e.g., the preferred messenger or primary messenger'),
      ],
    },
    {
      ...many,
      name: 'photos',
      description: 'URLs of photos of the User.',
      subAttributes: [
        { ...text, name: 'value', type: 'reference', referenceTypes: ['external'], description: 'URL of a photo of the User.' },
        display,
        label("A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.", ['photo', 'thumbnail']),
        primary(', e.g., the preferred photo or thumbnail'),
      ],
    },
    {
      ...many,
      name: 'addresses',
      description:
        "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'.  This attribute is a complex type with the following sub-attributes.",
      subAttributes: [
        ...addressParts,
        label("A label indicating the attribute's function, e.g., 'work' or 'home'.", ['work', 'home', 'other']),
        // §8.7.1 omits `primary` here although §4.1.2 and the §8.2 example use it.
        primary(', e.g., the preferred mailing address'),
      ],
    },
    {
      ...many,
      name: 'groups',
      description:
        'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.',
      mutability: 'readOnly',
      subAttributes: [
        { ...groupRef, name: 'value', description: "The identifier of the User's group." },
        { ...groupRef, name: '$ref', type: 'reference', referenceTypes: ['User', 'Group'], description: "The URI of the corresponding 'Group' resource to which the user belongs." },
        { ...groupRef, name: 'display', description: 'A human-readable name, primarily used for display purposes.  READ-ONLY.' },
        { ...groupRef, name: 'type', description: "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.", canonicalValues: ['direct', 'indirect'] },
      ],
    },
    {
      ...many,
      name: 'entitlements',
      description: 'A list of entitlements for the User that represent a thing the User has.',
      subAttributes: [
        { ...text, name: 'value', description: 'The value of an entitlement.' },
        display,
        label("A label indicating the attribute's function."),
        primary(''),
      ],
    },
    {
      ...many,
      name: 'roles',
      description: "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.",
      subAttributes: [
        { ...text, name: 'value', description: 'The value of a role.' },
        display,
        label("A label indicating the attribute's function.", []),
        primary(''),
      ],
    },
    {
      ...many,
      name: 'x509Certificates',
      description: 'A list of certificates issued to the User.',
      subAttributes: [
        { ...text, name: 'value', type: 'binary', description: 'The value of an X.509 certificate.' },
        display,
        label("A label indicating the attribute's function.", []),
        primary(''),
      ],
    },
  ],
};
