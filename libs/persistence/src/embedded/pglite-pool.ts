import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * A `pg`-compatible pool over one PGlite instance, handed to TypeORM's postgres driver as its `driver`.
 *
 * Why not `typeorm-pglite`: it gives every pool "connection" the same PGlite session, so a query from one
 * caller runs inside another caller's open transaction and a ROLLBACK undoes nothing (measured in
 * ../shared/reference/stack-spike.md). Here a connection is an exclusive lease: `connect()` waits until the
 * previous holder releases, exactly like a PostgreSQL pool of size 1. A query issued outside an open
 * transaction's query runner therefore waits for that transaction to end.
 */

interface PgResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: { name: string; dataTypeID: number }[];
}

type Callback<T> = (err: Error | null, result?: T) => void;

function commandOf(sql: string): string {
  const m = /^\s*(?:--[^\n]*\n\s*)*([A-Za-z]+)/.exec(sql);
  return m ? m[1].toUpperCase() : '';
}

function toPg(result: Results<unknown>, sql: string): PgResult {
  const command = commandOf(sql);
  const rowCount =
    result.affectedRows !== undefined && command !== 'SELECT' ? result.affectedRows : result.rows.length;
  return {
    rows: result.rows,
    rowCount,
    command,
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
  };
}

/** One leased connection; TypeORM's query runner holds it from connect() until release(). */
export class PGliteClient extends EventEmitter {
  constructor(readonly db: PGlite) {
    super();
  }

  query(
    sql: string,
    params?: unknown[] | Callback<PgResult>,
    cb?: Callback<PgResult>,
  ): Promise<PgResult> | void {
    const callback = typeof params === 'function' ? params : cb;
    const values = Array.isArray(params) ? params : [];
    const promise = this.run(sql, values);
    if (callback) {
      promise.then(
        (r) => callback(null, r),
        (e: Error) => callback(e),
      );
      return;
    }
    return promise;
  }

  private async run(sql: string, values: unknown[]): Promise<PgResult> {
    if (values.length === 0) {
      // Without parameters, use the simple protocol so migrations may hold several statements.
      const results = await this.db.exec(sql);
      const last = results[results.length - 1];
      return last ? toPg(last, sql) : { rows: [], rowCount: 0, command: commandOf(sql), fields: [] };
    }
    return toPg(await this.db.query(sql, values), sql);
  }
}

/** The pool TypeORM creates with `new Pool(options)`; the instance is bound in by {@link pgliteDriverModule}. */
export class PGlitePool extends EventEmitter {
  private tail: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly db: PGlite) {
    super();
  }

  /** Leases the single connection; resolves once every earlier lease has been released. */
  connect(
    cb?: (err: Error | null, client?: PGliteClient, release?: (err?: unknown) => void) => void,
  ): Promise<PGliteClient> | void {
    const lease = this.acquire();
    if (!cb) return lease.then(({ client }) => client);
    lease.then(
      ({ client, release }) => cb(null, client, release),
      (e: Error) => cb(e),
    );
  }

  /** Runs one statement on a short lease (pg's `pool.query`). */
  async query(sql: string, params?: unknown[]): Promise<PgResult> {
    const { client, release } = await this.acquire();
    try {
      return (await client.query(sql, params ?? [])) as PgResult;
    } finally {
      release();
    }
  }

  /** Leases the connection for `fn` and releases it afterwards. */
  async withLease<T>(fn: (db: PGlite) => Promise<T>): Promise<T> {
    const { release } = await this.acquire();
    try {
      return await fn(this.db);
    } finally {
      release();
    }
  }

  private acquire(): Promise<{ client: PGliteClient; release: (err?: unknown) => void }> {
    if (this.ended) return Promise.reject(new Error('PGlite pool has ended'));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => released);
    return previous.then(() => {
      let done = false;
      return {
        client: new PGliteClient(this.db),
        release: () => {
          if (!done) {
            done = true;
            release();
          }
        },
      };
    });
  }

  end(cb?: (err?: Error) => void): Promise<void> | void {
    this.ended = true;
    if (cb) {
      cb();
      return;
    }
    return Promise.resolve();
  }
}

/** A stand-in for the `pg` module that TypeORM's postgres driver loads: its `Pool` wraps `db`. */
export function pgliteDriverModule(db: PGlite): {
  Pool: new () => PGlitePool;
  pool: () => PGlitePool | null;
} {
  let created: PGlitePool | null = null;
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(db);
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        created = this;
      }
    },
    pool: () => created,
  };
}
