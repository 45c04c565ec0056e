import { describe, it, expect } from 'vitest';
import { parseFilter, MAX_FILTER_DEPTH, MAX_FILTER_NODES } from './parse-filter.js';
import type { AttrPath, CompareOp, Filter, FilterValue } from './ast.js';
import { ScimError } from '../errors.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

const p = (attr: string, sub?: string, schema?: string): AttrPath => ({
  attr,
  ...(sub !== undefined ? { sub } : {}),
  ...(schema !== undefined ? { schema } : {}),
});
const cmp = (path: AttrPath | string, op: CompareOp, value: FilterValue): Filter => ({
  kind: 'Compare',
  path: typeof path === 'string' ? p(path) : path,
  op,
  value,
});
const pr = (path: AttrPath | string): Filter => ({ kind: 'Present', path: typeof path === 'string' ? p(path) : path });
const and = (left: Filter, right: Filter): Filter => ({ kind: 'And', left, right });
const or = (left: Filter, right: Filter): Filter => ({ kind: 'Or', left, right });
const not = (filter: Filter): Filter => ({ kind: 'Not', filter });
const vp = (attr: string, filter: Filter): Filter => ({ kind: 'ValuePath', path: p(attr), filter });

function filterError(text: string): ScimError {
  try {
    parseFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    const scim = error as ScimError;
    expect(scim.status).toBe(400);
    expect(scim.scimType).toBe('invalidFilter');
    return scim;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('RFC 7644 §3.4.2.2 example filters', () => {
  const examples: [string, Filter][] = [
    ['userName eq "bjensen"', cmp('userName', 'eq', 'bjensen')],
    [`name.familyName co "O'Malley"`, cmp(p('name', 'familyName'), 'co', "O'Malley")],
    ['userName sw "J"', cmp('userName', 'sw', 'J')],
    [`${CORE}:userName sw "J"`, cmp(p('userName', undefined, CORE), 'sw', 'J')],
    ['title pr', pr('title')],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp(p('meta', 'lastModified'), 'gt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', cmp(p('meta', 'lastModified'), 'ge', '2011-05-13T04:42:34Z')],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', cmp(p('meta', 'lastModified'), 'lt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', cmp(p('meta', 'lastModified'), 'le', '2011-05-13T04:42:34Z')],
    ['title pr and userType eq "Employee"', and(pr('title'), cmp('userType', 'eq', 'Employee'))],
    ['title pr or userType eq "Intern"', or(pr('title'), cmp('userType', 'eq', 'Intern'))],
    [`schemas eq "${ENTERPRISE}"`, cmp('schemas', 'eq', ENTERPRISE)],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(
        cmp('userType', 'eq', 'Employee'),
        or(cmp('emails', 'co', 'example.com'), cmp(p('emails', 'value'), 'co', 'example.org')),
      ),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(
        cmp('userType', 'ne', 'Employee'),
        not(or(cmp('emails', 'co', 'example.com'), cmp(p('emails', 'value'), 'co', 'example.org'))),
      ),
    ],
    [
      'userType eq "Employee" and (emails.type eq "work")',
      and(cmp('userType', 'eq', 'Employee'), cmp(p('emails', 'type'), 'eq', 'work')),
    ],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(
        cmp('userType', 'eq', 'Employee'),
        vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
      ),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
        vp('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
      ),
    ],
  ];

  it.each(examples)('%s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast);
  });
});

describe('RFC 7644 §3.4.2.2 grammar', () => {
  it('parses every comparison operator', () => {
    for (const op of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const) {
      expect(parseFilter(`title ${op} "x"`)).toStrictEqual(cmp('title', op, 'x'));
    }
  });

  it('binds not tighter than and, and tighter than or', () => {
    expect(parseFilter('a pr or b pr and c pr')).toStrictEqual(or(pr('a'), and(pr('b'), pr('c'))));
    expect(parseFilter('a pr and b pr or c pr')).toStrictEqual(or(and(pr('a'), pr('b')), pr('c')));
    expect(parseFilter('not (a pr) and b pr')).toStrictEqual(and(not(pr('a')), pr('b')));
    expect(parseFilter('(a pr or b pr) and c pr')).toStrictEqual(and(or(pr('a'), pr('b')), pr('c')));
  });

  it('associates and/or to the left', () => {
    expect(parseFilter('a pr and b pr and c pr')).toStrictEqual(and(and(pr('a'), pr('b')), pr('c')));
    expect(parseFilter('a pr or b pr or c pr')).toStrictEqual(or(or(pr('a'), pr('b')), pr('c')));
  });

  it('reads JSON literal values', () => {
    expect(parseFilter('a eq 42')).toStrictEqual(cmp('a', 'eq', 42));
    expect(parseFilter('a eq -1.5e3')).toStrictEqual(cmp('a', 'eq', -1500));
    expect(parseFilter('a eq 0.25')).toStrictEqual(cmp('a', 'eq', 0.25));
    expect(parseFilter('a eq 1E-2')).toStrictEqual(cmp('a', 'eq', 0.01));
    expect(parseFilter('a eq true')).toStrictEqual(cmp('a', 'eq', true));
    expect(parseFilter('a eq false')).toStrictEqual(cmp('a', 'eq', false));
    expect(parseFilter('a eq null')).toStrictEqual(cmp('a', 'eq', null));
    expect(parseFilter('a eq ""')).toStrictEqual(cmp('a', 'eq', ''));
  });

  it('decodes JSON string escapes', () => {
    expect(parseFilter(String.raw`a eq "say \"hi\" \\ \u00e9\n\/"`)).toStrictEqual(cmp('a', 'eq', 'say "hi" \\ é\n/'));
    expect(parseFilter('a eq "paren ) and [bracket] or"')).toStrictEqual(cmp('a', 'eq', 'paren ) and [bracket] or'));
  });

  it('splits URN-qualified paths at the last colon (URNs contain "2.0")', () => {
    expect(parseFilter(`${ENTERPRISE}:employeeNumber eq "701984"`)).toStrictEqual(
      cmp(p('employeeNumber', undefined, ENTERPRISE), 'eq', '701984'),
    );
    expect(parseFilter(`${CORE}:name.givenName eq "Barbara"`)).toStrictEqual(
      cmp(p('name', 'givenName', CORE), 'eq', 'Barbara'),
    );
    expect(parseFilter(`${ENTERPRISE}:manager.value eq "26118915"`)).toStrictEqual(
      cmp(p('manager', 'value', ENTERPRISE), 'eq', '26118915'),
    );
    expect(parseFilter(`${CORE}:emails[type eq "work"]`)).toStrictEqual({
      kind: 'ValuePath',
      path: p('emails', undefined, CORE),
      filter: cmp('type', 'eq', 'work'),
    });
  });

  it('accepts not, parentheses and or inside a value filter (errata 7322)', () => {
    expect(parseFilter('emails[type eq "work" or (type eq "home" and value ew "@example.com")]')).toStrictEqual(
      vp('emails', or(cmp('type', 'eq', 'work'), and(cmp('type', 'eq', 'home'), cmp('value', 'ew', '@example.com')))),
    );
    expect(parseFilter('emails[not (type eq "work")]')).toStrictEqual(vp('emails', not(cmp('type', 'eq', 'work'))));
    expect(parseFilter('members[$ref pr]')).toStrictEqual(vp('members', pr('$ref')));
  });

  it('accepts any amount of spaces and tabs between tokens', () => {
    expect(parseFilter('  userName\t\teq   "x"  ')).toStrictEqual(cmp('userName', 'eq', 'x'));
    expect(parseFilter('( a pr )and\tnot( b pr )')).toStrictEqual(and(pr('a'), not(pr('b'))));
  });
});

describe('IdP tolerance (CHECKLIST item 10)', () => {
  it('matches operators and keywords in any case (PingOne `username Eq`)', () => {
    expect(parseFilter('username Eq "x"')).toStrictEqual(cmp('username', 'eq', 'x'));
    expect(parseFilter('a PR AND b Pr Or NOT (c pR)')).toStrictEqual(or(and(pr('a'), pr('b')), not(pr('c'))));
    expect(parseFilter('a GE 3')).toStrictEqual(cmp('a', 'ge', 3));
  });

  it('keeps the attribute name as the client wrote it', () => {
    expect(parseFilter('USERNAME eq "x"')).toStrictEqual(cmp('USERNAME', 'eq', 'x'));
  });

  it('reads unquoted true/false/null in any case as literals, quoted ones as strings', () => {
    expect(parseFilter('active eq False')).toStrictEqual(cmp('active', 'eq', false));
    expect(parseFilter('active eq TRUE')).toStrictEqual(cmp('active', 'eq', true));
    expect(parseFilter('a eq NULL')).toStrictEqual(cmp('a', 'eq', null));
    expect(parseFilter('active eq "False"')).toStrictEqual(cmp('active', 'eq', 'False'));
  });

  it('reads an unquoted non-literal value as a string (authentik `userName eq jdoe`)', () => {
    expect(parseFilter('userName eq jdoe')).toStrictEqual(cmp('userName', 'eq', 'jdoe'));
    expect(parseFilter('userName eq john.doe@x.com')).toStrictEqual(cmp('userName', 'eq', 'john.doe@x.com'));
    expect(parseFilter('(userName eq jdoe)')).toStrictEqual(cmp('userName', 'eq', 'jdoe'));
    expect(parseFilter('userName eq jdoe and title pr')).toStrictEqual(and(cmp('userName', 'eq', 'jdoe'), pr('title')));
    expect(parseFilter('employeeNumber eq 007')).toStrictEqual(cmp('employeeNumber', 'eq', '007'));
    expect(parseFilter('a eq 1.2.3')).toStrictEqual(cmp('a', 'eq', '1.2.3'));
  });

  it('folds Entra `emails[type eq "work"].value eq "x"` into the value filter', () => {
    const work = cmp('type', 'eq', 'work');
    expect(parseFilter('emails[type eq "work"].value eq "x@example.com"')).toStrictEqual(
      vp('emails', and(work, cmp('value', 'eq', 'x@example.com'))),
    );
    expect(parseFilter('emails[type eq "work"].value co "@example.com"')).toStrictEqual(
      vp('emails', and(work, cmp('value', 'co', '@example.com'))),
    );
    expect(parseFilter('emails[type eq "work"].value pr')).toStrictEqual(vp('emails', and(work, pr('value'))));
    expect(parseFilter('emails[type eq "work"].value eq "a" and userName eq "b"')).toStrictEqual(
      and(vp('emails', and(work, cmp('value', 'eq', 'a'))), cmp('userName', 'eq', 'b')),
    );
  });
});

describe('RFC 7644 §3.4.2.2 malformed filters are invalidFilter', () => {
  it.each([
    ['', /empty/],
    ['   \t ', /empty/],
    ['userName', /expected an operator after "userName" at position 8/],
    ['userName "x"', /expected an operator after "userName" at position 9/],
    ['userName equals "x"', /"equals" is not a filter operator \(expected eq, ne, .* or pr\) at position 9/],
    ['userName eq', /expected a value after "eq" at position 11/],
    ['userName eq "x" and', /expected an attribute name, "not" or "\(" at position 19/],
    ['userName eq "x" title pr', /expected "and", "or" or the end of the filter at position 16, found "title"/],
    ['(userName eq "x"', /expected "and", "or" or "\)" at position 16/],
    ['userName eq "x")', /expected "and", "or" or the end of the filter at position 15, found "\)"/],
    ['()', /expected an attribute name/],
    ['not userName eq "x"', /expected "\(" after "not" at position 4/],
    ['userName eq "x', /unterminated string starting at position 12/],
    ['userName eq "bad \\q escape"', /invalid string/],
    ['emails[type eq "work"', /expected "and", "or" or "\]" at position 21/],
    ['emails[]', /expected a filter inside "emails\[...\]" at position 7/],
    ['emails[type eq "work"] eq "x"', /expected "and", "or" or the end/],
    ['emails type eq "work"]', /"type" is not a filter operator/],
    ['emails[type[value eq "x"] pr]', /value paths cannot be nested/],
    ['emails[emails.type eq "work"]', /inside a value filter name a sub-attribute/],
    ['emails.value[type eq "work"]', /must follow an attribute, not the sub-attribute/],
    ['emails[type eq "work"].a.b eq "x"', /"a.b" is not a valid sub-attribute name/],
    ['a..b pr', /"a\.\.b" is not a valid attribute path at position 0/],
    ['a.b.c pr', /not a valid attribute path/],
    ['1abc pr', /not a valid attribute path/],
    ['foo:bar pr', /not a valid attribute path/],
    ['and pr', /expected an attribute name, "not" or "\(" at position 0, found "and"/],
    ['userName eq "x" or or', /expected an attribute name, "not" or "\(" at position 19, found "or"/],
    [']', /expected an attribute name/],
    ['"x" eq userName', /expected an attribute name/],
  ])('%j', (text, message) => {
    expect(filterError(text).message).toMatch(message);
  });

  it('caps nesting depth', () => {
    const ok = '('.repeat(MAX_FILTER_DEPTH) + 'a pr' + ')'.repeat(MAX_FILTER_DEPTH);
    expect(parseFilter(ok)).toStrictEqual(pr('a'));
    const deep = '('.repeat(MAX_FILTER_DEPTH + 1) + 'a pr' + ')'.repeat(MAX_FILTER_DEPTH + 1);
    expect(filterError(deep).message).toMatch(/nested too deeply/);
    expect(filterError('not ('.repeat(100_000)).message).toMatch(/nested too deeply/);
  });

  it('caps the number of expressions', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `a${i} pr`).join(' or ');
    expect(() => parseFilter(many(500))).not.toThrow();
    expect(filterError(many(MAX_FILTER_NODES)).message).toMatch(/too large/);
  });

  it('throws only ScimError for random input', () => {
    const alphabet = ['a', 'Z', '.', ':', '"', '\\', '(', ')', '[', ']', ' ', '\t', 'eq', 'pr', 'and', 'or', 'not', '1', '-', 'e', '$', 'u', 'é', '\u0000'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(random() * 30);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(' '.repeat(Math.floor(random() * 2)));
      try {
        parseFilter(text);
      } catch (error) {
        expect(error, text).toBeInstanceOf(ScimError);
      }
    }
  });
});
