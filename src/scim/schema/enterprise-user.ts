// RFC 7643 §4.3 and §8.7.1: the Enterprise User extension. Its attributes sit
// under the URN key in a User resource; the User resource type lists it with
// required: false (§8.6 shows required: true, which would make every IdP that
// does not send the block fail).

import type { AttributeDef, SchemaDef } from './types.js';

export const ENTERPRISE_USER_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/**
 * The SCIM 1.1 enterprise block some IdP templates still send (OneLogin).
 * normalizeResource maps it onto the 2.0 extension.
 */
export const ENTERPRISE_USER_URN_1_0 = 'urn:scim:schemas:extension:enterprise:1.0';

const text = {
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const;

const manager: AttributeDef = {
  ...text,
  name: 'manager',
  type: 'complex',
  description:
    "The User's manager.  A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
  subAttributes: [
    { ...text, name: 'value', description: "The id of the SCIM resource representing the User's manager.  REQUIRED." },
    {
      ...text,
      name: '$ref',
      type: 'reference',
      referenceTypes: ['User'],
      description: "The URI of the SCIM resource representing the User's manager.  REQUIRED.",
    },
    {
      ...text,
      name: 'displayName',
      description: "The displayName of the User's manager. OPTIONAL and READ-ONLY.",
      mutability: 'readOnly',
    },
  ],
};

export const enterpriseUserSchema: SchemaDef = {
  id: ENTERPRISE_USER_URN,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    {
      ...text,
      name: 'employeeNumber',
      description:
        'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.',
    },
    { ...text, name: 'costCenter', description: 'Identifies the name of a cost center.' },
    { ...text, name: 'organization', description: 'Identifies the name of an organization.' },
    { ...text, name: 'division', description: 'Identifies the name of a division.' },
    { ...text, name: 'department', description: 'Identifies the name of a department.' },
    manager,
  ],
};
