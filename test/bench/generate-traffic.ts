/**
 * Benchmark traffic: a deterministic Parquet file of any size, generated inside DuckDB.
 *
 *   node --import tsx test/bench/generate-traffic.ts OUT.parquet [ROWS=10000000]
 *
 * Columns: request_id BIGINT (1..ROWS), ts TIMESTAMP (spread evenly over the 8 weeks from
 * 2024-03-04), f00..f19 FLOAT (independent standard normals), grp VARCHAR ('a' 50%, 'b' 30%, 'c' 20%),
 * label INTEGER 0/1 drawn from sigmoid(BENCH_INTERCEPT + sum BENCH_WEIGHTS[j] * fj + BENCH_GROUP_EFFECT[grp]),
 * so a logistic model on f00..f19 reaches an AUC of about 0.84.
 *
 * The pseudo-random numbers are DuckDB's hash() of (request_id - 1) * 256 + stream, so every column except ts
 * depends only on request_id: the first N rows are the same whatever ROWS is (ts is spread over the
 * 8 weeks for any ROWS). The output is deterministic for a given DuckDB version. 10M rows take about
 * a minute on 2 cores, within memory_limit = 2GB (spilling to a temp_directory beside OUT).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const BENCH_FEATURES = Array.from({ length: 20 }, (_, j) => `f${String(j).padStart(2, '0')}`);
/** The true logistic weights of the label rule, one per feature f00..f19. */
export const BENCH_WEIGHTS = BENCH_FEATURES.map((_, j) => Math.round(((j % 2 === 0 ? 1 : -1) * 0.9 / (1 + j / 4)) * 1000) / 1000);
export const BENCH_INTERCEPT = -1.0;
export const BENCH_GROUPS = ['a', 'b', 'c'] as const;
export const BENCH_GROUP_EFFECT: Record<(typeof BENCH_GROUPS)[number], number> = { a: 0, b: -0.3, c: 0.4 };
export const BENCH_START = '2024-03-04 00:00:00';
const SPAN_US = 56 * 86_400 * 1_000_000;

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * Uniform in (0, 1) from hash(i * 256 + stream): the top 53 bits of the 64-bit hash, offset by half a step.
 * (hash(i, stream) with two arguments combines the two hashes too weakly: its streams come out correlated.)
 */
function uniform(stream: number): string {
  return `(((hash(i * 256 + ${stream}) >> 11)::DOUBLE + 0.5) / 9007199254740992.0)`;
}

/** Standard normal by Box-Muller from two hash streams. */
function normal(stream: number): string {
  return `(sqrt(-2.0 * ln(${uniform(stream)})) * cos(2.0 * pi() * ${uniform(stream + 1)}))`;
}

export function benchTrafficSql(path: string, rows: number): string {
  if (!Number.isInteger(rows) || rows <= 0) throw new Error(`rows must be a positive integer, got ${rows}`);
  const feats = BENCH_FEATURES.map((f, j) => `${normal(100 + 2 * j)}::FLOAT AS ${f}`).join(',\n      ');
  const logit = [String(BENCH_INTERCEPT), ...BENCH_FEATURES.map((f, j) => `${BENCH_WEIGHTS[j]} * ${f}`),
    `CASE grp ${BENCH_GROUPS.map((g) => `WHEN '${g}' THEN ${BENCH_GROUP_EFFECT[g]}`).join(' ')} END`].join(' + ');
  return `
COPY (
  WITH base AS (
    SELECT i, ${feats},
      CASE WHEN ${uniform(1)} < 0.5 THEN 'a' WHEN ${uniform(1)} < 0.8 THEN 'b' ELSE 'c' END AS grp,
      ${uniform(2)} AS u_label
    FROM range(${rows}) t(i)
  )
  SELECT (i + 1)::BIGINT AS request_id,
    TIMESTAMP '${BENCH_START}' + to_microseconds((i::DOUBLE * ${SPAN_US} / ${rows})::BIGINT) AS ts,
    ${BENCH_FEATURES.join(', ')},
    grp,
    (u_label < 1.0 / (1.0 + exp(-(${logit}))))::INTEGER AS label
  FROM base
) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`;
}

export async function generateBenchTraffic(path: string, rows: number): Promise<void> {
  const out = resolve(path);
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const tmp = `${out}.tmp-duckdb`;
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: '2GB',
    temp_directory: tmp,
  });
  try {
    const conn = await instance.connect();
    try {
      await conn.run(benchTrafficSql(out, rows));
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [outArg, rowsArg] = process.argv.slice(2);
  if (!outArg) {
    console.error('usage: node --import tsx test/bench/generate-traffic.ts OUT.parquet [ROWS=10000000]');
    process.exit(2);
  }
  const rows = rowsArg === undefined ? 10_000_000 : Number(rowsArg.replaceAll('_', ''));
  const t0 = performance.now();
  await generateBenchTraffic(outArg, rows);
  console.log(`wrote ${rows} rows to ${outArg} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
