import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Database } from '../data-source';

/**
 * One transaction on the database's bulk path: `COPY … FROM STDIN` through pg-copy-streams on PostgreSQL,
 * `COPY … FROM '/dev/blob'` on the embedded PGlite. Row-by-row ORM inserts are far too slow for evidence.
 */
export interface BulkSession {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: T[]; rowCount: number }>;
  /** Streams CSV (see csv-encode), as text or its UTF-8 pieces, into `COPY <target> FROM …`; returns the rows copied. */
  copyIn(target: string, csv: string | readonly Buffer[]): Promise<number>;
  /** Runs `COPY (<query>) TO …` in PostgreSQL's text format and returns the text (tab-separated, `\\N` NULL). */
  copyOut(query: string): Promise<string>;
}

/** Runs `fn` inside one transaction on the bulk path; commits on success, rolls back on error. */
export async function withBulkTransaction<T>(db: Database, fn: (s: BulkSession) => Promise<T>): Promise<T> {
  if (db.embedded) {
    const pool = db.embedded.pool();
    if (!pool) throw new Error('embedded pool not initialised');
    return pool.withLease((pg: PGlite) => pg.transaction((tx) => fn(pgliteSession(tx))));
  }
  const qr = db.dataSource.createQueryRunner();
  await qr.connect();
  // TypeORM's query runner holds the pg client it leased from the pool.
  const client = (qr as unknown as { databaseConnection: PoolClient }).databaseConnection;
  try {
    await client.query('BEGIN');
    const result = await fn(pgSession(client));
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await qr.release();
  }
}

function pgSession(client: PoolClient): BulkSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await client.query(sql, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async copyIn(target, csv) {
      const stream = client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT csv)`));
      await pipeline(Readable.from(typeof csv === 'string' ? [csv] : csv), stream);
      return stream.rowCount ?? 0;
    },
    async copyOut(query) {
      const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
      const parts: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
      return Buffer.concat(parts).toString('utf8');
    },
  };
}

function pgliteSession(tx: Transaction): BulkSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await tx.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async copyIn(target, csv) {
      const r = await tx.query(`COPY ${target} FROM '/dev/blob' (FORMAT csv)`, [], {
        blob: new Blob(typeof csv === 'string' ? [csv] : [...csv]),
      });
      return r.affectedRows ?? 0;
    },
    async copyOut(query) {
      const r = await tx.query(`COPY (${query}) TO '/dev/blob'`);
      return r.blob ? await r.blob.text() : '';
    },
  };
}
