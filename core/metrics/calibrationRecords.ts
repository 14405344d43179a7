import type { MetricRecord } from '../contract/index.js';
import { calibrationStats, type CalibrationStats } from './calibration.js';
import type { ScoreTable } from './scoreTable.js';

const BINS_NOTE = '10 equal-width bins on [0, 1], bin i = (i/10, (i+1)/10] (first bin includes 0), as sklearn calibration_curve';

/** One model's calibration summary from its distinct-score table, or why there is none. */
export function calibrationOf(t: ScoreTable): CalibrationStats | string {
  const inRange = t.value.length > 0 && t.value[0]! >= 0 && t.value[t.value.length - 1]! <= 1;
  return inRange ? calibrationStats(t) : 'scores outside [0, 1]: not probabilities, no calibration';
}

/**
 * calibration.* records of both models from their calibrationOf results (undefined: no labelled
 * rows). Scores outside [0, 1] are not probabilities: that model's records are null with a note.
 */
export function calibrationRecords(perModel: [CalibrationStats | string, CalibrationStats | string] | undefined, n: number, extraNote?: string): MetricRecord[] {
  const out: MetricRecord[] = [];
  const stats: (CalibrationStats | string)[] = perModel ?? ['no labelled rows with valid scores', 'no labelled rows with valid scores'];
  const models = ['production', 'candidate'] as const;
  const note = (...s: (string | undefined)[]) => s.filter(Boolean).join('; ') || undefined;
  const triple = (id: string, pick: (s: CalibrationStats) => number, how: string, delta = true) => {
    const v = stats.map((s) => (typeof s === 'string' ? NaN : pick(s)));
    models.forEach((model, m) => {
      const s = stats[m]!;
      out.push({ id, model, value: v[m]!, n, note: note(typeof s === 'string' ? s : how, extraNote) });
    });
    if (delta) {
      const bad = stats.map((s, m) => (typeof s === 'string' ? `${models[m]}: ${s}` : undefined));
      out.push({ id, model: 'delta', value: v[1]! - v[0]!, n, note: note(...bad, how, extraNote) });
    }
  };
  triple('calibration.ece', (s) => s.ece, BINS_NOTE);
  triple('calibration.ece_equal_mass', (s) => s.eceEqualMass, '10 equal-mass bins, edges numpy percentile (linear) of the scores, as sklearn calibration_curve(strategy="quantile")');
  const fitNote = (m: number) => { const s = stats[m]!; return typeof s === 'string' ? s : s.fitNote; };
  for (const [id, pick] of [['calibration.slope', (s: CalibrationStats) => s.slope], ['calibration.intercept', (s: CalibrationStats) => s.intercept]] as const) {
    models.forEach((model, m) => {
      const s = stats[m]!;
      out.push({ id, model, value: typeof s === 'string' ? NaN : pick(s), n,
        note: note(fitNote(m) ?? 'logistic regression of y on logit(p), p clipped to [1e-15, 1 - 1e-15]; slope 1 and intercept 0 = calibrated', extraNote) });
    });
  }
  triple('calibration.brier_reliability', (s) => s.reliability, `Murphy decomposition, ${BINS_NOTE}`);
  triple('calibration.brier_resolution', (s) => s.resolution, `Murphy decomposition, ${BINS_NOTE}`);
  const unc = stats.find((s): s is CalibrationStats => typeof s !== 'string');
  out.push({ id: 'calibration.brier_uncertainty', model: 'both', value: unc ? unc.uncertainty : NaN, n,
    note: note(unc ? 'ȳ (1 - ȳ) of the labelled rows; Brier ≈ reliability - resolution + uncertainty (exact when scores are constant within bins)' : String(stats[0]), extraNote) });
  return out;
}
