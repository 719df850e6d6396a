import { hash as digest } from 'node:crypto';
import type { CatalogItem } from './describe-mapping.ts';

/**
 * An item as a row of INSERT_CHANGED's JSON, with its hash: sha256 of the JSON of its content and of its
 * children, as serialized here. Computed here rather than by the database (catalog_item_hash, over jsonb's
 * canonical text), which took about a seventh of PostgreSQL's CPU in a crawl. The hash only tells
 * INSERT_CHANGED quickly that an item is as stored; it falls back to comparing the content, so versions
 * hashed the database's way (before this) or sent with their keys in another order are not new versions.
 */
export function itemRow(item: CatalogItem): string {
  const content = JSON.stringify(item.content);
  const children = JSON.stringify(item.children);
  const hash = digest('sha256', content + children, 'hex');
  const key = `"kind":${JSON.stringify(item.kind)},"parent":${JSON.stringify(item.parent)}`;
  const identity = `${key},"name":${JSON.stringify(item.name)},"hash":"\\\\x${hash}"`;
  return `{${identity},"content":${content},"children":${children},"summary":${JSON.stringify(item.summary)}}`;
}

/**
 * `rows` (JSON texts) as JSON arrays of about `chars` characters each, in order (a row larger than that
 * is an array of its own): a batch sent in statements of moderate size, which PostgreSQL turns into rows
 * for less than one very large parameter.
 */
export function* rowArrays(rows: Iterable<string>, chars: number): Generator<string> {
  let chunk: string[] = [];
  let size = 0;
  for (const row of rows) {
    chunk.push(row);
    size += row.length + 1;
    if (size >= chars) {
      yield `[${chunk.join(',')}]`;
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) yield `[${chunk.join(',')}]`;
}
