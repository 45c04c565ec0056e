// RFC 7644 §3.4.2.2: the filter grammar as data. Storage compiles these
// nodes to SQL; `evaluate` runs them in memory (the oracle for the compiler).

/**
 * An attribute path as written, before it is resolved against a schema.
 * `schema` is the URN prefix when the path was URN-qualified
 * (`urn:ietf:params:scim:schemas:core:2.0:User:name.givenName` →
 * schema `urn:…:User`, attr `name`, sub `givenName`). Names keep the case the
 * client used; resolution against the schema registry is case-insensitive.
 */
export interface AttrPath {
  schema?: string;
  attr: string;
  sub?: string;
}

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A comparison value: JSON literal (string, number, true, false, null). */
export type FilterValue = string | number | boolean | null;

export interface CompareNode {
  kind: 'Compare';
  path: AttrPath;
  op: CompareOp;
  value: FilterValue;
}

export interface PresentNode {
  kind: 'Present';
  path: AttrPath;
}

export interface AndNode {
  kind: 'And';
  left: Filter;
  right: Filter;
}

export interface OrNode {
  kind: 'Or';
  left: Filter;
  right: Filter;
}

export interface NotNode {
  kind: 'Not';
  filter: Filter;
}

/**
 * `emails[type eq "work" and value co "@example.com"]`: true when one element
 * of the multi-valued (or complex) attribute `path` satisfies `filter`. Paths
 * inside `filter` are relative to that element: `{ attr: 'type' }` means the
 * sub-attribute `emails.type`.
 *
 * The non-standard form Entra ID sends, `emails[type eq "work"].value eq "x"`,
 * parses to the same node with the trailing comparison folded into `filter`
 * (`type eq "work" and value eq "x"`), since both must hold for one element.
 */
export interface ValuePathNode {
  kind: 'ValuePath';
  path: AttrPath;
  filter: Filter;
}

export type Filter = CompareNode | PresentNode | AndNode | OrNode | NotNode | ValuePathNode;

/**
 * RFC 7644 §3.5.2 PATCH path: `attrPath`, or `valuePath [ "." subAttr ]`.
 * `members[value eq "2819c223"]` → { path: {attr:'members'}, filter }.
 * `emails[type eq "work"].value` → { path: {attr:'emails'}, filter, subAttr: 'value' }.
 * `name.givenName` → { path: {attr:'name', sub:'givenName'} }.
 */
export interface PatchPath {
  path: AttrPath;
  filter?: Filter;
  subAttr?: string;
}
