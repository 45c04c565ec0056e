// RFC 7644 §3.4.2.2 (Figure 1) and RFC 7643 §2.1: the lexical layer of the
// filter grammar, and the ATTRNAME / attrPath rules shared by filters, PATCH
// paths and the `attributes` parameter.
//
// Tokens are deliberately coarse: a "word" is any run of characters that are
// not whitespace, brackets, parentheses or quotes. The parser decides whether
// a word is an attribute path, an operator, a keyword or an unquoted value,
// because only it knows what is expected next (IdPs send `userName eq jdoe`).
// Positions are 0-based character offsets into the filter text.

import type { AttrPath } from './ast.js';
import { invalidFilter } from '../errors.js';

export type TokenKind = 'word' | 'string' | '(' | ')' | '[' | ']' | 'end';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for strings: with quotes and escapes). */
  text: string;
  /** 0-based offset of the token's first character. */
  pos: number;
  /** For `string` tokens: the decoded JSON string. */
  value?: string;
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const PUNCTUATION = new Set(['(', ')', '[', ']']);

/** Splits filter text into tokens, ending with one `end` token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (WHITESPACE.has(ch)) {
      i++;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, pos: i });
      i++;
    } else if (ch === '"') {
      const token = readString(text, i);
      tokens.push(token);
      i += token.text.length;
    } else {
      const start = i;
      while (i < text.length && !isWordBreak(text[i])) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

function isWordBreak(ch: string): boolean {
  return WHITESPACE.has(ch) || PUNCTUATION.has(ch) || ch === '"';
}

function readString(text: string, start: number): Token {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    i += text[i] === '\\' ? 2 : 1;
  }
  if (i >= text.length) {
    throw invalidFilter(`unterminated string starting at position ${start}`);
  }
  const raw = text.slice(start, i + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidFilter(`invalid string ${raw} at position ${start}: use JSON string escapes`);
  }
  return { kind: 'string', text: raw, pos: start, value: value as string };
}

// RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar); `$ref` is the one name
// outside that rule (RFC 7643 §2.3.7 sub-attributes of references).
const ATTRNAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;
const URN_PREFIX = /^urn:[^:]+(?::[^:]+)*$/i;

export function isAttrName(name: string): boolean {
  return ATTRNAME.test(name);
}

/**
 * Splits `[URN ":"] ATTRNAME ["." subAttr]` into an AttrPath, or returns
 * undefined when the text is not one. The schema is everything up to the
 * LAST colon (URNs contain dots, as in "2.0"), so a bare schema URN such as
 * `urn:…:enterprise:2.0:User` comes back as { schema: 'urn:…:2.0', attr:
 * 'User' }; callers that accept bare URNs recognise them by joining the two.
 */
export function splitAttrPath(text: string): AttrPath | undefined {
  let schema: string | undefined;
  let rest = text;
  const colon = text.lastIndexOf(':');
  if (colon >= 0) {
    schema = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (!URN_PREFIX.test(schema)) return undefined;
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every(isAttrName)) return undefined;
  const path: AttrPath = { attr: parts[0] };
  if (schema !== undefined) path.schema = schema;
  if (parts.length === 2) path.sub = parts[1];
  return path;
}

/** The path written back in SCIM notation, for error messages. */
export function formatAttrPath(path: AttrPath): string {
  const local = path.sub === undefined ? path.attr : `${path.attr}.${path.sub}`;
  return path.schema === undefined ? local : `${path.schema}:${local}`;
}
