/**
 * @module adapters/feeds/parse/xml-nodes — reading the xml2js nodes rss-parser hands back
 * (`explicitArray`: every child is an array; text is a string or `{ _: text, $: attributes }`).
 */

export type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };

export function first(value: unknown): XmlNode | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' || (v !== null && typeof v === 'object') ? (v as XmlNode) : undefined;
}

export function all(value: unknown): XmlNode[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is XmlNode => typeof v === 'string' || (v !== null && typeof v === 'object'),
  );
}

/** The text of a node (its own character data), '' for none. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : '';
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  return typeof node === 'object' ? node.$?.[name] : undefined;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return typeof node === 'object' ? first(node[name]) : undefined;
}
