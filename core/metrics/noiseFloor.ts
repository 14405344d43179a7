import type { ConfidenceInterval, MetricRecord } from '../contract/index.js';
import type { ScoreRows } from './frame.js';
import { selectQuantiles } from './selectQuantiles.js';
import { normalQuantile } from './specialFunctions.js';

/** Quantiles of |score delta| compared with the noise floor in `noise.exceeded`. */
export const NOISE_QUANTILES = [0.5, 0.95, 0.99] as const;

/**
 * Noise-floor records (model 'noise'): production scored twice in separate sessions (`pn`) on the
 * scored rows where the second score is finite. The verdicts `noise.exceeded` compare the
 * candidate-vs-production disagreement on those same rows with production-vs-itself.
 */
export function noiseFloor(rows: ScoreRows, threshold: number, level: number): MetricRecord[] {
  const pn = rows.pn;
  if (!pn) return [];
  const { pp, pc } = rows;
  let n = 0, agree = 0, f01 = 0, f10 = 0, shadowAgree = 0, sum = 0, sumSq = 0, max = 0, sumShadow = 0;
  for (let i = 0; i < rows.n; i++) if (!Number.isNaN(pn[i]!)) n++;
  if (n === 0) return [];
  const dn = new Float64Array(n), ds = new Float64Array(n);
  for (let i = 0, j = 0; i < rows.n; i++) {
    const s = pn[i]!;
    if (Number.isNaN(s)) continue;
    const a = pp[i]! >= threshold, b = s >= threshold, c = pc[i]! >= threshold;
    if (a === b) agree++; else if (b) f01++; else f10++;
    if (a === c) shadowAgree++;
    const d = Math.abs(s - pp[i]!), e = Math.abs(pc[i]! - pp[i]!);
    sum += d; sumSq += d * d; if (d > max) max = d; sumShadow += e;
    dn[j] = d; ds[j] = e; j++;
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const rate = agree / n, wilson = wilsonInterval(agree, n, z, level);
  const mean = sum / n, sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : NaN;
  const qn = selectQuantiles(dn, NOISE_QUANTILES), qs = selectQuantiles(ds, NOISE_QUANTILES);
  const shadowRate = shadowAgree / n, meanShadow = sumShadow / n;
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const rowsNote = `${n} scored row(s) with a second production score`;
  const out: MetricRecord[] = [
    { id: 'noise.agreement_rate', model: 'noise', value: rate, n, ci: wilson, note: `${agree} of ${n} rows get the same ŷ from both production sessions` },
    { id: 'noise.flip_rate', model: 'noise', value: (f01 + f10) / n, n, note: `${f01 + f10} of ${n} rows change ŷ between production sessions (${f01} from 0 to 1, ${f10} from 1 to 0)` },
    { id: 'noise.score_delta_abs_max', model: 'noise', value: max, n, note: rowsNote },
    { id: 'noise.score_delta_abs_mean', model: 'noise', value: mean, n, note: rowsNote,
      ci: Number.isFinite(sd) ? { low: mean - (z * sd) / Math.sqrt(n), high: mean + (z * sd) / Math.sqrt(n), level, method: 'normal (CLT) on per-row values' } : undefined },
  ];
  const exceeded = rate > 0 && shadowRate < wilson.low;
  out.push({ id: 'noise.exceeded', model: 'noise', group: { metric: 'shadow.agreement_rate' }, value: exceeded ? 1 : 0, n,
    note: `On these ${n} rows candidate and production agree on ${pct(shadowRate)} of rows; production agrees with itself on ${pct(rate)} (${Math.round(level * 100)}% CI ${pct(wilson.low)} to ${pct(wilson.high)}). ${exceeded ? 'The candidate disagrees with production more than production disagrees with itself: a real change.' : 'The disagreement is within what production shows against itself.'}` });
  const cmp = (metric: string, cand: number, noise: number, what: string) => {
    const ex = cand > noise;
    out.push({ id: 'noise.exceeded', model: 'noise', group: { metric }, value: ex ? 1 : 0, n,
      note: `${what}: ${fmt(cand)} between candidate and production, ${fmt(noise)} between two production sessions. ${ex ? 'Above the noise floor.' : 'Within the noise floor.'}` });
  };
  cmp('shadow.score_delta_abs_mean', meanShadow, mean, 'Mean |score delta|');
  NOISE_QUANTILES.forEach((q, i) => cmp(`shadow.score_delta_abs_q${q}`, qs[i]!, qn[i]!, `${q} quantile of |score delta|`));
  return out.map((r) => (r.ci ? r : (delete r.ci, r)));
}

/** Wilson score interval of a proportion. */
function wilsonInterval(k: number, n: number, z: number, level: number): ConfidenceInterval {
  const p = k / n, z2 = z * z, den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den, half = (z / den) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half), level, method: 'Wilson score interval' };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : 'undefined';
}
