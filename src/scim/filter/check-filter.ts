// RFC 7644 §3.4.2.2: the checks a parsed filter must pass against a resource
// type before it is run, so that storage and `evaluate` only ever see
// attributes that exist with operators that make sense for them.
//
// From the RFC: gt/ge/lt/le on boolean or binary attributes SHALL fail with
// invalidFilter. Where the RFC is silent we also refuse, with invalidFilter:
// unknown attributes, value filters on non-complex attributes, co/sw/ew on
// anything but string and reference values, a complex attribute compared
// without a sub-attribute when it has no `value` sub-attribute, operators
// other than eq/ne with null, and values of the wrong JSON type for dateTime
// (an xsd:dateTime string), boolean (true/false) and integer/decimal (a
// number). A number or boolean compared with a string attribute is accepted
// and simply never matches, since unquoted IdP values such as `eq 12345`
// would otherwise turn a lookup into an error.

import type { AttrPath, CompareNode, Filter } from './ast.js';
import type { AttributeDef, ResourceSchema } from '../schema/types.js';
import { formatAttrPath } from './lexer.js';
import { toInstant } from './evaluate.js';
import { invalidFilter } from '../errors.js';

/** What a path inside a filter names, resolved in its scope. */
interface Named {
  /** The attribute or sub-attribute the path ends at. */
  def: AttributeDef;
  /** How the client wrote the path, for messages. */
  text: string;
}

type Resolver = (path: AttrPath) => Named;

export function checkFilter(filter: Filter, schema: ResourceSchema): void {
  check(filter, schema, (path) => {
    const text = formatAttrPath(path);
    const resolved = schema.resolve(path);
    if (!resolved) throw invalidFilter(`"${text}" is not an attribute of ${schema.type.name} resources`);
    return { def: resolved.sub ?? resolved.attr, text };
  });
}

function check(filter: Filter, schema: ResourceSchema, resolve: Resolver, inValuePath = false): void {
  switch (filter.kind) {
    case 'And':
    case 'Or':
      check(filter.left, schema, resolve, inValuePath);
      check(filter.right, schema, resolve, inValuePath);
      return;
    case 'Not':
      check(filter.filter, schema, resolve, inValuePath);
      return;
    case 'Present':
      resolve(filter.path);
      return;
    case 'Compare':
      checkCompare(filter, comparedAttribute(resolve(filter.path), schema));
      return;
    case 'ValuePath': {
      if (inValuePath) throw invalidFilter(`value filters cannot be nested ("${formatAttrPath(filter.path)}[...]")`);
      const { def, text } = resolve(filter.path);
      if (def.type !== 'complex') {
        throw invalidFilter(`"${text}" is a ${def.type} attribute, so it cannot take a value filter "[...]"`);
      }
      check(filter.filter, schema, subResolver(def, text, schema), true);
      return;
    }
  }
}

/** Inside `emails[...]`, names are sub-attributes of `emails`. */
function subResolver(parent: AttributeDef, parentText: string, schema: ResourceSchema): Resolver {
  return (path) => {
    const text = formatAttrPath(path);
    const def = path.schema === undefined && path.sub === undefined ? schema.resolveSub(parent, path.attr) : undefined;
    if (!def) throw invalidFilter(`"${text}" is not a sub-attribute of "${parentText}"`);
    return { def, text };
  };
}

/** RFC 7644 §3.4.2.2: a complex attribute without sub-attribute is compared through its `value`. */
function comparedAttribute(named: Named, schema: ResourceSchema): Named {
  if (named.def.type !== 'complex') return named;
  const value = schema.resolveSub(named.def, 'value');
  if (!value) {
    throw invalidFilter(
      `"${named.text}" is a complex attribute without a "value": compare one of its sub-attributes (e.g. "${named.text}.${named.def.subAttributes?.[0]?.name ?? 'value'}")`,
    );
  }
  return { def: value, text: named.text };
}

function checkCompare(node: CompareNode, { def, text }: Named): void {
  const { op, value } = node;
  const type = def.type;
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw invalidFilter(`"${text} ${op} null": only eq and ne compare with null`);
    return;
  }
  if ((op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') && (type === 'boolean' || type === 'binary')) {
    throw invalidFilter(`"${op}" cannot be used on the ${type} attribute "${text}"`);
  }
  if ((op === 'co' || op === 'sw' || op === 'ew') && type !== 'string' && type !== 'reference') {
    throw invalidFilter(`"${op}" needs a string attribute, and "${text}" is ${article(type)} ${type}`);
  }
  if (type === 'dateTime' && (typeof value !== 'string' || toInstant(value) === undefined)) {
    throw invalidFilter(
      `"${text}" is a dateTime: compare it with a date string such as "2011-05-13T04:42:34Z", not ${JSON.stringify(value)}`,
    );
  }
  if (type === 'boolean' && typeof value !== 'boolean') {
    throw invalidFilter(`"${text}" is a boolean: compare it with true or false, not ${JSON.stringify(value)}`);
  }
  if ((type === 'integer' || type === 'decimal') && typeof value !== 'number') {
    throw invalidFilter(`"${text}" is ${article(type)} ${type}: compare it with a number, not ${JSON.stringify(value)}`);
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
