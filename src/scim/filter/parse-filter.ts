// RFC 7644 §3.4.2.2: the filter grammar (Figure 1, with errata 4690/7322 for
// value filters) parsed into the AST of ./ast.ts.
//
//   or      := and *( "or" and )                 left-associative
//   and     := unary *( "and" unary )            left-associative
//   unary   := "not" "(" or ")" / "(" or ")" / attrExp
//   attrExp := attrPath "pr" / attrPath compareOp compValue
//            / attrPath "[" valFilter "]" [ "." subAttr ( "pr" / compareOp compValue ) ]
//
// The trailing `.subAttr` comparison after a value path is Entra ID's
// non-standard `emails[type eq "work"].value eq "x"`; it folds into the value
// filter (see ValuePathNode). Keywords, operators and literals are matched
// case-insensitively and unquoted values are read as strings, because real
// IdPs send both (PingOne `username Eq "x"`, authentik `userName eq jdoe`).

import type { AttrPath, CompareOp, Filter, FilterValue } from './ast.js';
import type { Token } from './lexer.js';
import { formatAttrPath, splitAttrPath, tokenize } from './lexer.js';
import { invalidFilter } from '../errors.js';
import { MAX_FILTER_OPERAND_LENGTH } from '../limits.js';

/** Deepest nesting of parentheses, `not` and value paths accepted. */
export const MAX_FILTER_DEPTH = 50;
/** Most AST nodes one filter may produce. */
export const MAX_FILTER_NODES = 1000;

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const OPERATOR_LIST = 'eq, ne, co, sw, ew, gt, ge, lt, le or pr';
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** Parses a complete filter expression (the `filter` query parameter). */
export function parseFilter(text: string): Filter {
  return new FilterParser(text, 0).parseAll(false);
}

/**
 * Parses the inside of a value path's brackets (`type eq "work" and value co
 * "@x"`): paths are bare sub-attribute names relative to the element and
 * value paths may not nest. `offset` is where `text` starts in the text the
 * client sent, so error positions point into that.
 */
export function parseValueFilter(text: string, offset = 0): Filter {
  return new FilterParser(text, offset).parseAll(true);
}

class FilterParser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;
  private nodes = 0;

  constructor(
    text: string,
    private readonly offset: number,
  ) {
    this.tokens = tokenize(text).map((t) => ({ ...t, pos: t.pos + offset }));
  }

  parseAll(inValue: boolean): Filter {
    if (this.peek().kind === 'end') {
      throw invalidFilter(inValue ? `empty value filter at position ${this.offset}` : 'filter is empty');
    }
    const filter = this.parseOr(inValue);
    const next = this.peek();
    if (next.kind !== 'end') {
      throw this.unexpected(next, `"and", "or" or the end of the filter`);
    }
    return filter;
  }

  private parseOr(inValue: boolean): Filter {
    let left = this.parseAnd(inValue);
    while (this.isKeyword(this.peek(), 'or')) {
      this.index++;
      left = this.node({ kind: 'Or', left, right: this.parseAnd(inValue) });
    }
    return left;
  }

  private parseAnd(inValue: boolean): Filter {
    let left = this.parseUnary(inValue);
    while (this.isKeyword(this.peek(), 'and')) {
      this.index++;
      left = this.node({ kind: 'And', left, right: this.parseUnary(inValue) });
    }
    return left;
  }

  private parseUnary(inValue: boolean): Filter {
    const token = this.next();
    if (token.kind === '(') {
      return this.nested(token, () => this.parseGroup(inValue));
    }
    if (this.isKeyword(token, 'not')) {
      const open = this.next();
      if (open.kind !== '(') throw this.unexpected(open, `"(" after "${token.text}"`);
      return this.nested(token, () => this.node({ kind: 'Not', filter: this.parseGroup(inValue) }));
    }
    if (token.kind === 'word' && !this.isKeyword(token, 'and') && !this.isKeyword(token, 'or')) {
      return this.parseAttrExp(token, inValue);
    }
    throw this.unexpected(token, 'an attribute name, "not" or "("');
  }

  private parseGroup(inValue: boolean): Filter {
    const inner = this.parseOr(inValue);
    const close = this.next();
    if (close.kind !== ')') throw this.unexpected(close, `"and", "or" or ")"`);
    return inner;
  }

  private parseAttrExp(token: Token, inValue: boolean): Filter {
    const path = this.attrPath(token, inValue);
    const next = this.peek();
    if (next.kind === '[') {
      if (inValue) throw invalidFilter(`value paths cannot be nested, at position ${next.pos}`);
      return this.nested(next, () => this.parseValuePath(token, path));
    }
    return this.parseComparison(path, token);
  }

  private parseValuePath(token: Token, path: AttrPath): Filter {
    const open = this.next();
    if (path.sub !== undefined) {
      throw invalidFilter(
        `a value filter must follow an attribute, not the sub-attribute "${token.text}", at position ${open.pos}`,
      );
    }
    if (this.peek().kind === ']') {
      throw invalidFilter(`expected a filter inside "${token.text}[...]" at position ${this.peek().pos}`);
    }
    let filter = this.parseOr(true);
    const close = this.next();
    if (close.kind !== ']') throw this.unexpected(close, `"and", "or" or "]"`);
    const after = this.peek();
    if (after.kind === 'word' && after.text.startsWith('.')) {
      this.index++;
      const sub = after.text.slice(1);
      const subPath = splitAttrPath(sub);
      if (!subPath || subPath.schema !== undefined || subPath.sub !== undefined) {
        throw invalidFilter(`"${sub}" is not a valid sub-attribute name at position ${after.pos + 1}`);
      }
      const compare = this.parseComparison(subPath, after);
      filter = this.node({ kind: 'And', left: filter, right: compare });
    }
    return this.node({ kind: 'ValuePath', path, filter });
  }

  private parseComparison(path: AttrPath, pathToken: Token): Filter {
    const opToken = this.next();
    if (opToken.kind !== 'word') {
      throw this.unexpected(opToken, `an operator after "${pathToken.text}"`);
    }
    const op = opToken.text.toLowerCase();
    if (op === 'pr') return this.node({ kind: 'Present', path });
    if (!COMPARE_OPS.has(op)) {
      throw invalidFilter(
        `"${opToken.text}" is not a filter operator (expected ${OPERATOR_LIST}) at position ${opToken.pos}`,
      );
    }
    const valueToken = this.next();
    return this.node({ kind: 'Compare', path, op: op as CompareOp, value: this.value(valueToken, opToken) });
  }

  private value(token: Token, opToken: Token): FilterValue {
    const text = token.kind === 'string' ? (token.value ?? '') : token.text;
    if (text.length > MAX_FILTER_OPERAND_LENGTH) {
      throw invalidFilter(`the value after "${opToken.text}" at position ${token.pos} is longer than ${MAX_FILTER_OPERAND_LENGTH} characters`);
    }
    if (token.kind === 'string') return token.value ?? '';
    if (token.kind !== 'word') throw this.unexpected(token, `a value after "${opToken.text}"`);
    const lower = token.text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (JSON_NUMBER.test(token.text)) {
      const n = Number(token.text);
      if (Number.isFinite(n)) return n;
    }
    return token.text;
  }

  private attrPath(token: Token, inValue: boolean): AttrPath {
    const path = splitAttrPath(token.text);
    if (!path) {
      throw invalidFilter(`"${token.text}" is not a valid attribute path at position ${token.pos}`);
    }
    if (inValue && (path.schema !== undefined || path.sub !== undefined)) {
      throw invalidFilter(
        `inside a value filter name a sub-attribute without prefix, not "${formatAttrPath(path)}", at position ${token.pos}`,
      );
    }
    return path;
  }

  private nested<T>(token: Token, parse: () => T): T {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw invalidFilter(`filter is nested too deeply (more than ${MAX_FILTER_DEPTH} levels) at position ${token.pos}`);
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private node<T extends Filter>(node: T): T {
    if (++this.nodes > MAX_FILTER_NODES) {
      throw invalidFilter(`filter is too large (more than ${MAX_FILTER_NODES} expressions)`);
    }
    return node;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private unexpected(token: Token, expected: string) {
    const found = token.kind === 'end' ? 'the end of the filter' : `"${token.text}"`;
    return invalidFilter(`expected ${expected} at position ${token.pos}, found ${found}`);
  }
}
