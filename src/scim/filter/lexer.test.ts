import { describe, it, expect } from 'vitest';
import { formatAttrPath, isAttrName, splitAttrPath, tokenize } from './lexer.js';
import { ScimError } from '../errors.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('tokenize (RFC 7644 §3.4.2.2 Figure 1)', () => {
  it('splits words, strings and brackets with 0-based positions', () => {
    const tokens = tokenize('emails[type eq "work"].value pr');
    expect(tokens.map((t) => [t.kind, t.text, t.pos])).toStrictEqual([
      ['word', 'emails', 0],
      ['[', '[', 6],
      ['word', 'type', 7],
      ['word', 'eq', 12],
      ['string', '"work"', 15],
      [']', ']', 21],
      ['word', '.value', 22],
      ['word', 'pr', 29],
      ['end', '', 31],
    ]);
    expect(tokens[4].value).toBe('work');
  });

  it('ends words at whitespace, brackets, parentheses and quotes', () => {
    expect(tokenize('(a\tb)c"d"').map((t) => t.text)).toStrictEqual(['(', 'a', 'b', ')', 'c', '"d"', '']);
  });

  it('keeps escaped quotes inside strings', () => {
    expect(tokenize(String.raw`"a\"b" x`).map((t) => t.value ?? t.text)).toStrictEqual(['a"b', 'x', '']);
  });

  it.each([
    ['"abc', /unterminated string starting at position 0/],
    ['x "abc\\"', /unterminated string starting at position 2/],
    ['"bad \\x"', /invalid string/],
    ['"tab\there"', /invalid string/],
  ])('rejects %j with invalidFilter', (text, message) => {
    expect(() => tokenize(text)).toThrow(ScimError);
    expect(() => tokenize(text)).toThrow(message);
  });
});

describe('splitAttrPath (RFC 7643 §2.1, RFC 7644 §3.10)', () => {
  it('splits the schema URN at its last colon', () => {
    expect(splitAttrPath(`${ENTERPRISE}:manager.value`)).toStrictEqual({ schema: ENTERPRISE, attr: 'manager', sub: 'value' });
  });

  it('returns undefined for text that is not an attribute path', () => {
    for (const text of ['', 'a..b', 'a.b.c', '9a', 'a:b', 'urn:a:', 'é']) {
      expect(splitAttrPath(text)).toBeUndefined();
    }
  });

  it('knows ATTRNAME and $ref', () => {
    expect(isAttrName('$ref')).toBe(true);
    expect(isAttrName('a-b_9')).toBe(true);
    expect(isAttrName('_a')).toBe(false);
  });

  it('formats paths back into SCIM notation', () => {
    expect(formatAttrPath({ attr: 'name', sub: 'givenName' })).toBe('name.givenName');
    expect(formatAttrPath({ schema: ENTERPRISE, attr: 'employeeNumber' })).toBe(`${ENTERPRISE}:employeeNumber`);
  });
});
