import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationError } from '../problem/problem';

/** `?cursor=&limit=` of every list route. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; absent for the first page.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50, description: 'Items per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export const DEFAULT_LIMIT = 50;

/** One page of a list: the items and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Cursors are opaque to clients (base64url JSON of the last key read), so the keyset behind them can change
 * without breaking scripts. A cursor that does not decode to the expected key is a 422 naming `cursor`.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

export function decodeCursor<T extends 'string' | 'number'>(
  cursor: string | undefined,
  kind: T,
): (T extends 'string' ? string : number) | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === kind) return parsed.k as T extends 'string' ? string : number;
  } catch {
    // fall through: not ours
  }
  throw new ValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
}

/**
 * Builds a page from `limit + 1` rows read: the extra row only says that another page exists, and the
 * cursor is the key of the last row returned.
 */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  key: (r: R) => string | number,
  map: (r: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return {
    items: items.map(map),
    nextCursor: more && items.length > 0 ? encodeCursor(key(items[items.length - 1])) : null,
  };
}
