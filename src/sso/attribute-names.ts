// The optional attribute/claim names an admin may set, checked once when
// the connection is configured.

import type { AttributeNames } from '../domain/sso/types.js';
import { DomainError } from '../domain/errors.js';

const FIELDS = ['email', 'name', 'groups'] as const;

export function cleanAttributes(input: unknown): AttributeNames {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new DomainError('sso.invalid_config', 'attributes must be an object like { "email": "mail" }');
  const out: AttributeNames = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw new DomainError('sso.invalid_config', `attributes.${key} is not one of ${FIELDS.join(', ')}`);
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || value.length > 300) throw new DomainError('sso.invalid_config', `attributes.${key} must be an attribute or claim name`);
    out[key as (typeof FIELDS)[number]] = value.trim();
  }
  return out;
}
