import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { pgliteDriverModule } from './pglite-pool';
import { PG_COMPATIBLE_PARSERS } from './embedded-database';

/** The isolation scenario of the stack spike, which `typeorm-pglite` fails. */
describe('PGlite exclusive-lease pool under TypeORM', () => {
  let db: PGlite;
  let ds: DataSource;

  beforeAll(async () => {
    db = await PGlite.create({ parsers: PG_COMPATIBLE_PARSERS });
    ds = new DataSource({
      type: 'postgres',
      driver: pgliteDriverModule(db),
      synchronize: false,
      entities: [],
    });
    await ds.initialize();
    await ds.query('CREATE TABLE t (name text primary key)');
    // Starting PGlite compiles its WebAssembly: a second alone, far more under a full run's load on two cores.
  }, 30_000);

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.close();
  });

  it('keeps a rolled-back transaction out and concurrent commits in', async () => {
    const t1 = ds
      .transaction(async (m) => {
        await m.query('INSERT INTO t VALUES ($1)', ['cA']);
        await new Promise((r) => setTimeout(r, 150));
        throw new Error('rollback');
      })
      .catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 20));
    const plain = ds.query('INSERT INTO t VALUES ($1)', ['cB']);
    const t2 = ds.transaction(async (m) => {
      await m.query('INSERT INTO t VALUES ($1)', ['cC']);
    });
    expect(await t1).toBe('rollback');
    await Promise.all([plain, t2]);
    const rows: { name: string }[] = await ds.query('SELECT name FROM t ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['cB', 'cC']);
  });

  it('runs 20 concurrent transactions, all committed', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ds.transaction((m) => m.query('INSERT INTO t VALUES ($1)', [`x${i}`])),
      ),
    );
    const [{ n }]: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM t WHERE name LIKE 'x%'`);
    expect(n).toBe(20);
  });

  it('returns bigint and numeric as strings, like pg', async () => {
    const [row]: { b: unknown; n: unknown }[] = await ds.query(
      'SELECT 9007199254740993::bigint AS b, 0.1::numeric AS n',
    );
    expect(row).toEqual({ b: '9007199254740993', n: '0.1' });
  });
});
