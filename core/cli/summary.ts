import type { MetricRecord } from '../contract/index.js';
import { findMetric, type ReportModel } from '../report/reportModel.js';
import { int, interval, num, pValue, signed, table } from './format.js';

const OUTCOMES: [string, string][] = [
  ['outcome.roc_auc', 'ROC AUC'], ['outcome.pr_auc', 'PR AUC (avg precision)'], ['outcome.accuracy', 'Accuracy'],
  ['outcome.precision', 'Precision'], ['outcome.recall', 'Recall'], ['outcome.f1', 'F1'], ['outcome.brier', 'Brier score'],
  ['outcome.log_loss', 'Log loss'], ['outcome.ks', 'KS statistic'],
];

function withCi(r: MetricRecord | undefined, sign = false): string {
  if (!r) return 'n/a';
  const v = sign ? signed(r.value) : num(r.value);
  const ci = interval(r, sign);
  return ci ? `${v} ${ci}` : v;
}

/** The comparison a validator reads in the terminal after `shadowbench run`. */
export function summary(rep: ReportModel): string {
  const m = rep.metrics;
  const out: string[] = [];
  const [p, c] = rep.artefacts.models;
  out.push(`Production  ${p.name}  sha256 ${p.sha256.slice(0, 12)}`);
  out.push(`Candidate   ${c.name}  sha256 ${c.sha256.slice(0, 12)}`);
  const d = rep.artefacts.datasets[0];
  out.push(`Traffic     ${d.name}  ${int(d.rows)} rows (${int(rep.data.labelled)} labelled, ${int(rep.data.unlabelled)} unlabelled)  sha256 ${d.sha256.slice(0, 12)}`);
  const missing = Object.entries(rep.data.missingByColumn);
  if (missing.length) out.push(`Missing     ${missing.map(([k, v]) => `${k}: ${int(v)}`).join(', ')} (NULL/NaN feature values, fed as NaN)`);
  const nan = Object.entries(rep.data.nanScores).filter(([, v]) => v > 0);
  if (nan.length) out.push(`NaN scores  ${nan.map(([k, v]) => `${k}: ${int(v)}`).join(', ')} (left out of the metrics)`);
  out.push(`Threshold   ${rep.settings.threshold}   positive class: ${JSON.stringify(rep.settings.positive)}   intervals: 95%, ${rep.settings.bootstrap.method}, B = ${rep.settings.bootstrap.B}, seed ${rep.settings.bootstrap.seed}`);
  out.push('');
  out.push('Outcomes (labelled rows)');
  const task = rep.artefacts.map.resolved.task ?? 'binary';
  const ids: [string, string][] = task === 'binary' ? OUTCOMES
    : [...new Set(m.filter((r) => r.id.startsWith(task + '.') && !r.group && r.model === 'delta').map((r) => r.id))].map((id) => [id, id.slice(task.length + 1)]);
  const rows = ids.filter(([id]) => m.some((r) => r.id === id)).map(([id, name]) => {
    const delta = findMetric(m, id, 'delta');
    return [name, withCi(findMetric(m, id, 'production')), withCi(findMetric(m, id, 'candidate')), withCi(delta, true), pValue(delta?.p)];
  });
  out.push(table(rows, ['metric', 'production', 'candidate', 'delta (cand - prod)', 'paired test']));
  const ni = m.filter((r) => r.id.startsWith('noninferiority.'));
  if (ni.length) {
    const yes = ni.filter((r) => r.value === 1).map((r) => r.id.slice(15));
    const no = ni.filter((r) => r.value === 0).map((r) => r.id.slice(15));
    out.push(`Non-inferiority (CI bound of the delta within the margin): shown for ${yes.join(', ') || 'none'}${no.length ? `; not shown for ${no.join(', ')}` : ''}`);
    out.push('');
  }
  const noise = findMetric(m, 'noise.agreement_rate', 'noise');
  if (noise) {
    out.push('Noise floor (production replayed in a second session)');
    out.push(`  agreement with itself ${withCi(noise)}   max |score delta| ${num(findMetric(m, 'noise.score_delta_abs_max', 'noise')?.value)}`);
    for (const r of m.filter((x) => x.id === 'noise.exceeded')) out.push(`  ${r.value === 1 ? 'beyond' : 'within '} the noise floor: ${r.note ?? r.group?.metric}`);
    out.push('');
  }
  for (const id of ['regression.paired_test', 'regression.wilcoxon_p']) {
    const t = findMetric(m, id, 'both');
    if (t) out.push(`${id === 'regression.paired_test' ? 'Paired t-test on squared errors' : 'Wilcoxon signed-rank on squared errors'}: ${pValue(t.value)}`);
  }
  const agree = findMetric(m, 'shadow.agreement_rate', 'both');
  if (agree) {
    const f01 = findMetric(m, 'shadow.flip_0_to_1', 'both');
    const f10 = findMetric(m, 'shadow.flip_1_to_0', 'both');
    const mc = findMetric(m, 'shadow.mcnemar_p', 'both') ?? findMetric(m, 'multiclass.mcnemar_p', 'both');
    out.push('Shadow diff (all scored rows)');
    const flips = f01 || f10 ? `   flips 0->1: ${withCi(f01)}   1->0: ${withCi(f10)}` : '';
    out.push(`  agreement ${withCi(agree)}${flips}   McNemar ${pValue(mc?.value ?? undefined)}`);
    out.push('');
  }
  for (const attr of rep.settings.sensitive) {
    const groups = [...new Set(m.filter((r) => r.id === 'fairness.selection_rate' && r.group && attr in r.group && r.group[attr] !== '*').map((r) => r.group![attr]))].sort();
    if (!groups.length) continue;
    out.push(`Fairness by ${attr}`);
    const g = groups.map((v) => {
      const grp = { [attr]: v };
      const cell = (id: string, model: string) => num(findMetric(m, id, model, grp)?.value);
      return [v, int(findMetric(m, 'fairness.count', 'production', grp)?.value ?? findMetric(m, 'fairness.count', 'both', grp)?.value),
        `${cell('fairness.selection_rate', 'production')} / ${cell('fairness.selection_rate', 'candidate')}`,
        `${cell('fairness.tpr', 'production')} / ${cell('fairness.tpr', 'candidate')}`,
        `${cell('fairness.fpr', 'production')} / ${cell('fairness.fpr', 'candidate')}`];
    });
    out.push(table(g, ['group', 'rows', 'selection rate (prod / cand)', 'TPR (prod / cand)', 'FPR (prod / cand)']));
    const all = { [attr]: '*' };
    const s = (id: string, name: string) => {
      const pr = findMetric(m, id, 'production', all);
      const ca = findMetric(m, id, 'candidate', all);
      const de = findMetric(m, id, 'delta', all);
      return pr || ca ? [name, withCi(pr), withCi(ca), withCi(de, true)] : null;
    };
    const summaryRows = [
      s('fairness.demographic_parity_difference', 'demographic parity difference'),
      s('fairness.demographic_parity_ratio', 'demographic parity ratio'),
      s('fairness.equalized_odds_difference', 'equalized odds difference'),
      s('fairness.equal_opportunity_difference', 'equal opportunity difference'),
    ].filter((r): r is string[] => r !== null);
    if (summaryRows.length) out.push(table(summaryRows, ['', 'production', 'candidate', 'delta']));
  }
  const lat: [string, string][] = [['latency.p50', 'p50'], ['latency.p90', 'p90'], ['latency.p99', 'p99'], ['latency.p999', 'p99.9'], ['latency.max', 'max'], ['latency.mean', 'mean'], ['latency.throughput', 'throughput']];
  if (m.some((r) => r.id === 'latency.p50')) {
    out.push('Latency (session.run only, single requests, interleaved ABBA, warm-up excluded)');
    const unit = (id: string) => findMetric(m, id, 'production')?.unit ?? '';
    out.push(table(lat.filter(([id]) => findMetric(m, id, 'production')).map(([id, name]) => [
      `${name} (${unit(id)})`, withCi(findMetric(m, id, 'production')), withCi(findMetric(m, id, 'candidate')),
      withCi(findMetric(m, id, 'delta'), true), withCi(findMetric(m, id, 'ratio')),
    ]), ['', 'production', 'candidate', 'delta', 'ratio (cand / prod)']));
    const note = findMetric(m, 'latency.p99', 'delta')?.note;
    if (note) out.push(note + '\n');
  }
  const flagged = m.filter((r) => r.id === 'slice.flag' && r.value === 1);
  if (m.some((r) => r.id === 'slice.flag')) {
    out.push(`Slices: ${flagged.length ? `${flagged.length} flagged worse than the whole` : 'none flagged worse than the whole'}`);
    for (const f of flagged) out.push(`  ${f.model} ${Object.entries(f.group ?? {}).map(([k, v]) => `${k} = ${v}`).join(', ')}: ${f.note ?? ''}`);
    out.push('');
  }
  const windows = findMetric(m, 'time.window', 'both');
  if (windows) out.push(`Over time: ${windows.note ?? `${num(windows.value)} windows`}\n`);
  const share = findMetric(m, 'drift.share_drifted', 'both');
  if (share) {
    const cols = m.filter((r) => r.id === 'drift.method_value' && r.group?.column).map((r) => {
      const g = r.group!;
      return [g.column, r.note?.match(/method=([\w_]+)/)?.[1] ?? '', num(r.value), pValue(findMetric(m, 'drift.p_adjusted', 'both', g)?.value),
        num(findMetric(m, 'drift.psi', 'both', g)?.value), findMetric(m, 'drift.drifted', 'both', g)?.value === 1 ? 'DRIFT' : 'no'];
    });
    out.push(`Input drift (reference vs traffic): ${int(findMetric(m, 'drift.columns_drifted', 'both')?.value)} of ${cols.length} columns drifted (share ${num(share.value)})`);
    out.push(table(cols, ['column', 'method', 'statistic', 'adjusted p', 'PSI', 'drifted']));
  }
  if (rep.criteria.length) {
    out.push(`Acceptance criteria: ${rep.verdict?.toUpperCase().replace('_', ' ')}`);
    out.push(table(rep.criteria.map((c) => [c.status === 'pass' ? 'pass' : c.status === 'fail' ? 'FAIL' : 'not evaluable', c.rule, c.observed === null ? 'n/a' : num(c.observed), c.reason ?? ''])));
  }
  return out.join('\n') + '\n';
}
