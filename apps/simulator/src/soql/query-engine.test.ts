import { describe, expect, it } from 'vitest';
import { planQuery } from './query-engine.ts';
import { rowsTable } from './query-table.ts';
import { parseSoql } from './soql-parser.ts';

const rows = [
  { Id: '01I000000000001AAA', Name: 'Alpha', Parent: 'Account', Size: 3, Flag: true },
  { Id: '01I000000000002AAA', Name: 'beta', Parent: 'Contact', Size: 1, Flag: false },
  { Id: '01I000000000003AAA', Name: 'Gamma', Parent: null, Size: 2, Flag: true },
  { Id: '01I000000000004AAA', Name: 'ALPHA', Parent: 'account', Size: 3, Flag: false },
  { Id: '01i000000000005AAA', Name: 'Delta', Parent: 'Lead', Size: null, Flag: true },
  { Id: '01I000000000006AAA', Name: 'Epsilon', Parent: 'Contact', Size: 2, Flag: true },
];
const columns = ['Id', 'Name', 'Parent', 'Size', 'Flag'];

/** The same rows, indexed (materialized) and scanned row by row. */
const indexed = rowsTable('Thing', columns, rows, 'Id');
const scanned = { ...rowsTable('Thing', columns, rows, 'Id'), materialized: false };

const selected = (table: typeof indexed, where: string) => {
  const plan = planQuery(parseSoql(`SELECT Id FROM Thing WHERE ${where}`), table, true);
  return plan.rows ? [...plan.rows] : null;
};

describe('planQuery with equality indexes', () => {
  it.each([
    ["Name = 'alpha'", [0, 3]],
    ["Name IN ('Gamma', 'ALPHA', 'nope', 'gamma')", [0, 2, 3]],
    ["Parent IN ('Contact', 'Account')", [0, 1, 3, 5]],
    ['Parent = null', [2]],
    ["Parent IN ('Lead', null)", [2, 4]],
    ["Id = '01I000000000002'", [1]],
    ["Id IN ('01I000000000004AAA', '01i000000000005', '01I000000000005')", [3, 4]],
    ["Id = '01i000000000001AAA'", []],
    ['Size = 3', [0, 3]],
    ["Size IN (2, '1')", [1, 2, 5]],
    ['Flag = true', [0, 2, 4, 5]],
    ["Parent = 'Contact' AND Size = 2", [5]],
    ["Size > 1 AND Name IN ('alpha', 'Delta')", [0, 3]],
    ["Parent NOT IN ('Contact')", [0, 2, 3, 4]],
    ["Name = 'Beta' OR Size = 2", [1, 2, 5]],
    ["Name LIKE 'a%'", [0, 3]],
  ])('selects what a scan of every row selects: %s', (where, expected) => {
    expect(selected(indexed, where)).toEqual(expected);
    expect(selected(scanned, where)).toEqual(expected);
  });

  it('still refuses an unknown column', () => {
    expect(() => selected(indexed, "Nope = 'x'")).toThrow(/No such column 'Nope'/);
  });
});
