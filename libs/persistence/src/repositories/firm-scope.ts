/**
 * Which firms a caller may see: one firm (a firm's account), the firms of a region (an officer: the
 * administrative-division code, characters 3–8 of the unified social credit code, starts with the prefix),
 * or every firm (both absent). Applied inside the queries, so an object out of scope is simply not found.
 */
export interface FirmScope {
  firmCreditCode?: string;
  regionPrefix?: string;
}

/**
 * The SQL condition restricting `alias.credit_code` to the scope, with its parameters numbered from `next`.
 * The prefix is matched with `starts_with`-style LIKE on an escaped pattern (digits only in practice).
 */
export function scopeCondition(
  scope: FirmScope,
  alias: string,
  next: number,
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.firmCreditCode !== undefined) {
    params.push(scope.firmCreditCode);
    parts.push(`${alias}.credit_code = $${next + params.length - 1}`);
  }
  if (scope.regionPrefix !== undefined) {
    params.push(`${scope.regionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    parts.push(`substr(${alias}.credit_code, 3, 6) LIKE $${next + params.length - 1}`);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : 'TRUE', params };
}
