import { describe, expect, it } from 'vitest';
import { formatCount, formatFields, formatTable } from './table.ts';

describe('formatTable', () => {
  it('pads each column to its widest cell and leaves the last unpadded', () => {
    expect(
      formatTable(
        ['ID', 'STATUS', 'HOST'],
        [
          ['a1', 'connected', 'https://x'],
          ['b', 'failed', 'y'],
        ],
      ),
    ).toEqual(['ID  STATUS     HOST', 'a1  connected  https://x', 'b   failed     y']);
  });
});

describe('formatFields', () => {
  it('aligns the values and leaves out rows without one', () => {
    expect(
      formatFields([
        ['id', '1'],
        ['reason', null],
        ['status', 'ok'],
        ['org', undefined],
      ]),
    ).toEqual(['id      1', 'status  ok']);
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
