import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CatalogItem } from './describe-mapping.ts';
import { itemRow, jsonbParameter, rowArrays } from './item-rows.ts';

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
    expect(arrays.flatMap((array) => JSON.parse(array.toString('utf8')))).toEqual(rows.map((row) => JSON.parse(row)));
    expect([...rowArrays([], 60)]).toEqual([]);
  });

  it('counts bytes, not characters: text beyond ASCII comes out whole, in UTF-8', () => {
    const rows = ['{"d":"Zoë ✓ €"}', '{"d":"😀"}', '{"d":"plain"}'];
    const arrays = [...rowArrays(rows, 12)];
    expect(arrays.map((array) => array.length)).toEqual(
      arrays.map((array) => Buffer.byteLength(array.toString('utf8'))),
    );
    expect(arrays.flatMap((array) => JSON.parse(array.toString('utf8')))).toEqual(rows.map((row) => JSON.parse(row)));
  });
});

describe('jsonbParameter', () => {
  it("puts jsonb's binary version byte (1) before the JSON bytes", () => {
    const json = Buffer.from('[{"d":"Zoë"}]');
    const parameter = jsonbParameter(json);
    expect(parameter[0]).toBe(1);
    expect(parameter.subarray(1).equals(json)).toBe(true);
  });
});
