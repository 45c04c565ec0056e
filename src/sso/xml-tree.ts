// Reading SAML XML as a tree. The parser is the one @node-saml/node-saml
// itself uses for responses (xml2js with namespace prefixes stripped; no
// DTD or external entities), reached through its lib/xml module so the
// project keeps one XML stack and no dependency of its own.

import { parseXml2JsFromString } from '@node-saml/node-saml/lib/xml.js';

export type XmlNode = { $?: Record<string, string>; _?: string } & { [child: string]: unknown };

export async function parseXml(xml: string): Promise<XmlNode | undefined> {
  try {
    return (await parseXml2JsFromString(xml)) as unknown as XmlNode;
  } catch {
    return undefined;
  }
}

/** The children named `name` (prefix already stripped). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (Array.isArray(value)) return value as XmlNode[];
  // The document root is a single object, not a list.
  return value && typeof value === 'object' ? [value as XmlNode] : [];
}

export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let at = node;
  for (const name of path) at = children(at, name)[0];
  return at;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  return node?.$?.[name];
}

export function text(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._.trim() : undefined;
}
