const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True when `value` has the shape PostgreSQL accepts for a uuid column; checked before querying so bad ids read
 * as "not found".
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
