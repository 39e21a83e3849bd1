/**
 * The database's side of the capture write path, one step at a time (issue 13): the same CSV as the `\copy`
 * baseline, loaded by psql into a fresh table of capture_event's columns, with each index set and each way
 * of writing that was considered. Nothing of bioaudit runs here: this isolates what PostgreSQL pays, so the
 * end-to-end rows of the ingest benchmark can be read against it. Each step runs `runs` times; medians.
 */
import { spawnSync } from 'node:child_process';
import { freshDb, median } from '../bench-utils';

const COLUMNS =
  'device_id, event_key, occurred_at, event_type, subject_ref, match_score, masked, purpose, snapshot_sha256, batch_id, line_no';
const TABLE = `id bigint GENERATED ALWAYS AS IDENTITY, firm_id bigint NOT NULL DEFAULT 1, device_id bigint,
  event_key text, occurred_at timestamptz, event_type text, subject_ref text, match_score double precision,
  masked boolean, purpose text, snapshot_sha256 char(64), batch_id bigint, line_no integer`;

interface Step {
  label: string;
  /** Constraints inside CREATE TABLE, then statements after it. */
  constraints: string;
  indexes: string;
  /** `copy`: `\copy` straight into the table; `merge`: into a temporary stage, then INSERT … ON CONFLICT. */
  write: 'copy' | 'merge';
}

const BEFORE = `CREATE INDEX ON t (batch_id, line_no); CREATE INDEX ON t (firm_id, id);`;
const AFTER = `CREATE INDEX ON t USING brin (batch_id) WITH (pages_per_range = 32); CREATE INDEX ON t (firm_id, id);`;

export const STEPS: Step[] = [
  {
    label: 'primary key only (the ceiling table)',
    constraints: ', PRIMARY KEY (id)',
    indexes: '',
    write: 'copy',
  },
  {
    label: '+ identity (device, event key) as text',
    constraints: ', PRIMARY KEY (id), UNIQUE (device_id, event_key)',
    indexes: '',
    write: 'copy',
  },
  {
    label: '+ identity as a 16-byte hash (uuid of md5) instead',
    constraints: `, PRIMARY KEY (id), ident uuid GENERATED ALWAYS AS (md5(device_id::text || ':' || event_key)::uuid) STORED UNIQUE`,
    indexes: '',
    write: 'copy',
  },
  {
    label: 'before: 4 B-trees, staged and merged (ON CONFLICT)',
    constraints: ', PRIMARY KEY (id), UNIQUE (device_id, event_key)',
    indexes: BEFORE,
    write: 'merge',
  },
  {
    label: '4 B-trees, copied straight in',
    constraints: ', PRIMARY KEY (id), UNIQUE (device_id, event_key)',
    indexes: BEFORE,
    write: 'copy',
  },
  {
    label: '3 B-trees + BRIN(batch_id), staged and merged',
    constraints: ', PRIMARY KEY (id), UNIQUE (device_id, event_key)',
    indexes: AFTER,
    write: 'merge',
  },
  {
    label: 'now: 3 B-trees + BRIN(batch_id), copied straight in',
    constraints: ', PRIMARY KEY (id), UNIQUE (device_id, event_key)',
    indexes: AFTER,
    write: 'copy',
  },
];

function psql(url: string, input: string): void {
  const r = spawnSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1'], {
    input,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`psql failed (exit ${r.status})`);
}

/** Milliseconds of each step (median of `runs`), in the order of STEPS. */
export async function writePathSteps(csv: string, runs: number): Promise<{ label: string; ms: number }[]> {
  const url = await freshDb('bioaudit_bench_write_path');
  const out: { label: string; ms: number }[] = [];
  for (const step of STEPS) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      psql(
        url,
        `DROP TABLE IF EXISTS t; CREATE TABLE t (${TABLE}${step.constraints}); ${step.indexes}\nCHECKPOINT;\n`,
      );
      const load =
        step.write === 'copy'
          ? `\\copy t (${COLUMNS}) FROM '${csv}' CSV\n`
          : `BEGIN;
CREATE TEMP TABLE s (device_id bigint, event_key text, occurred_at timestamptz, event_type text, subject_ref text,
  match_score double precision, masked boolean, purpose text, snapshot_sha256 char(64), batch_id bigint,
  line_no integer) ON COMMIT DROP;
\\copy s FROM '${csv}' CSV
CREATE TEMP TABLE u (line_no integer) ON COMMIT DROP;
WITH stored AS (INSERT INTO t (firm_id, ${COLUMNS}) SELECT 1, ${COLUMNS} FROM s ORDER BY s.line_no
  ON CONFLICT (device_id, event_key) DO NOTHING RETURNING line_no)
INSERT INTO u SELECT s.line_no FROM s WHERE NOT EXISTS (SELECT 1 FROM stored WHERE stored.line_no = s.line_no);
COMMIT;
`;
      const t0 = process.hrtime.bigint();
      psql(url, load);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    out.push({ label: step.label, ms: median(times) });
    process.stderr.write(`write path: ${step.label}: ${(median(times) / 1000).toFixed(2)} s\n`);
  }
  return out;
}
