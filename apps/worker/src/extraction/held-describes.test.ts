import type { ObjectDescribe } from '@sfmeta/salesforce/describe-objects';
import { describe, expect, it } from 'vitest';
import { HeldDescribes } from './held-describes.ts';

const describeOf = (name: string, fields: number): ObjectDescribe => ({
  name,
  fields: Array.from({ length: fields }, (_, i) => ({ name: `F${i}__c`, type: 'string' })),
});

describe('HeldDescribes', () => {
  it('gives back what it held in order, a chunk at a time, with field counts, and is empty after', () => {
    const held = new HeldDescribes();
    // Past the fields held as objects, the rest are held as text: both come back alike.
    const describes = Array.from({ length: 7 }, (_, i) => describeOf(`O${i}__c`, 3_000));
    held.add(describes.slice(0, 4));
    held.add(describes.slice(4));
    expect(held.size).toBe(7);
    const taken = held.take();
    expect(held.size).toBe(0);
    expect(taken.names).toEqual(describes.map((d) => d.name));
    expect(taken.fieldCount('O2__c')).toBe(3_000);
    const chunks = [...taken.chunks(3)];
    expect(chunks.map((chunk) => chunk.length)).toEqual([3, 3, 1]);
    expect(chunks.flat()).toEqual(describes);
  });
});
