// The attribute characteristics RFC 7643 §2.2 gives by default, as a server
// declares them for the read-only strings it defines itself (common
// attributes, discovery schemas): each definition spreads this and names
// only what differs.

export const READ_ONLY_STRING = {
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readOnly',
  returned: 'default',
  uniqueness: 'none',
} as const;
