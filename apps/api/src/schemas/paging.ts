import { Type } from 'typebox';
import { Nullable } from './common.ts';
import { Identifier, Text } from './text.ts';

/** How many items a page holds when `limit` is left out. */
export const DEFAULT_PAGE_SIZE = 500;

// Types are not coerced anywhere (a wrong type is a 400), so the number is matched as text.
/** `limit`: 1 to 2000. */
export const PageLimit = Type.String({
  pattern: '^([1-9][0-9]{0,2}|1[0-9]{3}|2000)$',
  description: '1 to 2000, default 500',
});

/** `run`: which catalog to read. */
export const RunQuery = Identifier({ maxLength: 100, description: 'A succeeded extraction; default: the latest' });

/** `q`: a case-insensitive substring; `%`, `_` and quotes are taken literally. */
export const SearchQuery = (where: string) =>
  Text({ maxLength: 255, description: `Only those whose ${where} contains this text (case-insensitive)` });

/** A page's `next`. */
export const NextCursor = Nullable(
  Type.String({ description: 'Pass as `after` for the next page; null on the last page' }),
);

/** The cursor after a page of `size` that ended at `last`: none when the page was not full. */
export const nextCursor = (count: number, size: number, last: string | undefined): string | null =>
  count === size ? (last ?? null) : null;
