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

/** Each item's row (itemRow), made as it is asked for: a batch's rows are never all text at once. */
export function* itemRows(...groups: readonly (readonly CatalogItem[])[]): Generator<string> {
  for (const items of groups) for (const item of items) yield itemRow(item);
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * `rows` (JSON texts) as JSON arrays of about `bytes` bytes of UTF-8 each, in order (a row larger than that
 * is an array of its own): a batch sent in statements of moderate size, which PostgreSQL turns into rows
 * for less than one very large parameter. Each row is encoded once, as it comes: joined into one string
 * instead, every chunk was copied again to join it and scanned once more by the driver to count its bytes,
 * which took a fifth of a worker's CPU in a crawl (descriptions with a character beyond Latin-1 make the
 * whole text two bytes a character). Send them with jsonbParameter.
 */
export function* rowArrays(rows: Iterable<string>, bytes: number): Generator<Buffer> {
  let chunk: Buffer[] = [OPEN];
  let size = OPEN.length;
  for (const row of rows) {
    const encoded = Buffer.from(row);
    if (chunk.length > 1) chunk.push(COMMA);
    chunk.push(encoded);
    size += encoded.length + COMMA.length;
    if (size >= bytes) {
      chunk.push(CLOSE);
      yield Buffer.concat(chunk);
      chunk = [OPEN];
      size = OPEN.length;
    }
  }
  if (chunk.length > 1) {
    chunk.push(CLOSE);
    yield Buffer.concat(chunk);
  }
}

const JSONB_VERSION_1 = Buffer.from([1]);

/**
 * JSON text in UTF-8 as a `jsonb` parameter. node-postgres sends a Buffer in binary format, and jsonb's binary
 * format is a version byte (1) before the text. As `text` cast to jsonb instead, PostgreSQL spent several
 * times the CPU on each statement.
 */
export const jsonbParameter = (json: Buffer): Buffer => Buffer.concat([JSONB_VERSION_1, json]);
