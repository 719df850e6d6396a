import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CatalogItem } from './describe-mapping.ts';
import { itemRow, rowArrays } from './item-rows.ts';

const field: CatalogItem = {
  kind: 'field',
  parent: 'Account',
  name: 'Name "quoted"',
  content: { name: 'Name "quoted"', label: 'Ünïcode \\ label', length: 255 },
  children: null,
  summary: null,
};

describe('itemRow', () => {
  it('is the item as JSON, with the sha256 of its content and children JSON in bytea hex input form', () => {
    const row = JSON.parse(itemRow(field));
    const hash = createHash('sha256')
      .update(`${JSON.stringify(field.content)}null`)
      .digest('hex');
    expect(row).toEqual({ ...field, hash: `\\x${hash}` });
  });

  it('hashes an object with its field names', () => {
    const object: CatalogItem = { ...field, kind: 'object', parent: '', children: ['A'], summary: { label: 'x' } };
    const hash = (children: string[]) => JSON.parse(itemRow({ ...object, children })).hash;
    expect(hash(['A'])).not.toBe(hash(['A', 'B']));
  });
});

describe('rowArrays', () => {
  it('groups rows in order into JSON arrays of about the size asked for', () => {
    const rows = Array.from({ length: 10 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(10) }));
    const arrays = [...rowArrays(rows, 60)];
    expect(arrays.length).toBeGreaterThan(1);
    expect(arrays.flatMap((array) => JSON.parse(array))).toEqual(rows.map((row) => JSON.parse(row)));
    expect([...rowArrays([], 60)]).toEqual([]);
  });
});
