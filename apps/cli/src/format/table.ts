/** Rows under a header, each column as wide as its widest cell, two spaces apart; the last column unpadded. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** `label value` lines with the labels padded to one width; rows without a value are left out. */
export function formatFields(rows: [label: string, value: string | null | undefined][]): string[] {
  const shown = rows.filter((row): row is [string, string] => row[1] !== null && row[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
}

/** An integer with thousands separators: 12,345. */
export const formatCount = (value: number): string => value.toLocaleString('en-US');
