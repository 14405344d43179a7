import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../core/cli/main.js';
import type { MetricRecord } from '../../../core/contract/index.js';

const F = (p: string) => join(process.cwd(), 'fixtures', p);

async function cli(args: string[], signal?: AbortSignal) {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, signal: signal ?? new AbortController().signal, cwd: process.cwd(), env: {}, argv: args, isTTY: false,
  });
  return { code, out, err };
}

function pair(name: string, data = 'data/hmda/traffic.parquet', map = `maps/${name}.map.yaml`) {
  return ['--production', F(`models/${name}/production.onnx`), '--candidate', F(`models/${name}/candidate.onnx`), '--data', F(data), '--map', F(map)];
}

const tmp = mkdtempSync(join(tmpdir(), 'sb-cli-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const metric = (ms: MetricRecord[], id: string, model: string, group?: Record<string, string>) =>
  ms.find((m) => m.id === id && m.model === model && JSON.stringify(m.group ?? null) === JSON.stringify(group ?? null));

for (const name of ['hmda-matrix', 'hmda-columns']) {
  test(`run on ${name}: report.json holds metrics whose ROC AUC matches scikit-learn's on the same rows`, async () => {
    const out = join(tmp, name);
    const r = await cli(['run', ...pair(name), '--out', out, '--bootstrap', '50']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /ROC AUC/);
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const expected = JSON.parse(readFileSync(F(`models/${name}/expected.json`), 'utf8'));
    for (const role of ['production', 'candidate'] as const) {
      const auc = metric(rep.metrics, 'outcome.roc_auc', role);
      assert.ok(auc, `outcome.roc_auc ${role}`);
      assert.ok(Math.abs(auc!.value! - expected[role].auc_all_rows) < 1e-6, `${role} AUC ${auc!.value} vs sklearn ${expected[role].auc_all_rows}`);
    }
    const delta = metric(rep.metrics, 'outcome.roc_auc', 'delta')!;
    assert.ok(Math.abs(delta.value! - (expected.candidate.auc_all_rows - expected.production.auc_all_rows)) < 1e-6);
    assert.ok(metric(rep.metrics, 'fairness.selection_rate', 'candidate', { afam: 'yes' }));
    assert.ok(metric(rep.metrics, 'shadow.agreement_rate', 'both'));
    assert.equal(rep.artefacts.models[0].sha256.length, 64);
    assert.equal(rep.artefacts.datasets[0].rows, 2380);
    assert.deepEqual(rep.command.slice(0, 2), ['shadowbench', 'run']);
  });
}

for (const [task, data, ids] of [
  ['regression', 'data/regression/diabetes.parquet', ['regression.mae', 'regression.rmse', 'regression.r2', 'regression.mape']],
  ['multiclass', 'data/multiclass/wine.parquet', ['multiclass.accuracy', 'multiclass.macro_f1', 'multiclass.micro_f1']],
] as const) {
  test(`run on the ${task} pair: the map's task picks the ${task} metrics, with paired intervals`, async () => {
    const out = join(tmp, task);
    const r = await cli(['run', ...pair(task, data), '--out', out, '--bootstrap', '50', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    for (const id of ids) {
      for (const model of ['production', 'candidate', 'delta']) assert.ok(metric(rep.metrics, id, model)?.ci, `${id} ${model}`);
    }
    assert.ok(!rep.metrics.some((m: MetricRecord) => m.id === 'outcome.roc_auc'));
  });
}

test('--slice and a mapped timestamp add per-slice metrics with flags and per-window series; --reference adds drift', async () => {
  const out = join(tmp, 'synthetic');
  const r = await cli(['run', ...pair('synthetic', 'data/synthetic/traffic.parquet'), '--reference', F('data/synthetic/reference.parquet'), '--slice', 'region', '--out', out, '--bootstrap', '50', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  assert.ok(metric(rep.metrics, 'slice.accuracy', 'candidate', { region: 'north' }));
  assert.ok(rep.metrics.some((m: MetricRecord) => m.id === 'slice.flag'));
  assert.ok(rep.metrics.filter((m: MetricRecord) => m.id === 'time.accuracy' && m.model === 'delta').length >= 8, 'weekly series over 8 weeks');
  // the synthetic traffic drifts in basket_value and the region mix, not in age
  assert.equal(metric(rep.metrics, 'drift.drifted', 'both', { column: 'basket_value' })?.value, 1);
  assert.equal(metric(rep.metrics, 'drift.drifted', 'both', { column: 'age' })?.value, 0);
  assert.ok(rep.data.missingByColumn.income > 0, 'NULL/NaN incomes are counted');
  assert.equal(rep.artefacts.datasets[1].role, 'reference');
  const bad = await cli(['run', ...pair('synthetic', 'data/synthetic/traffic.parquet'), '--slice', 'nope', '--out', out, '--format', 'json']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--slice names column "nope"/);
});

test('CSV, Arrow file and Arrow stream copies of the traffic give the same metrics as Parquet', async () => {
  const base = JSON.parse(readFileSync(join(tmp, 'hmda-matrix', 'report.json'), 'utf8'));
  for (const file of ['traffic.csv', 'traffic.arrow', 'traffic.arrows']) {
    const out = join(tmp, file);
    const r = await cli(['run', ...pair('hmda-matrix', `data/hmda/${file}`), '--out', out, '--bootstrap', '50']);
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    for (const id of ['outcome.roc_auc', 'outcome.accuracy', 'shadow.agreement_rate']) {
      for (const model of ['production', 'candidate', 'both']) {
        const a = metric(base.metrics, id, model);
        if (!a) continue;
        assert.ok(Math.abs(metric(rep.metrics, id, model)!.value! - a.value!) < 1e-9, `${file} ${id} ${model}`);
      }
    }
    assert.ok(metric(rep.metrics, 'fairness.selection_rate', 'candidate', { afam: 'yes' }), `${file}: afam groups keep their yes/no values`);
  }
});

test('a cancelled run keeps its committed rows and the same command resumes to the same numbers', async () => {
  const out = join(tmp, 'resume');
  const ctrl = new AbortController();
  const args = ['run', ...pair('hmda-matrix'), '--out', out, '--bootstrap', '50', '--chunk-rows', '400'];
  const first = main(args, {
    stdout: () => {}, stderr: (t) => { if (/replay: [1-9]/.test(t)) ctrl.abort(); }, signal: ctrl.signal, cwd: process.cwd(), env: {}, argv: args, isTTY: false,
  });
  const code = await first;
  assert.equal(code, 130, 'the first progress line of the replay cancels the run');
  const r = await cli(args);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /Resuming run run_[0-9a-f]+ from row [\d,]+/);
  const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const base = JSON.parse(readFileSync(join(tmp, 'hmda-matrix', 'report.json'), 'utf8'));
  assert.equal(metric(rep.metrics, 'outcome.roc_auc', 'candidate')!.value, metric(base.metrics, 'outcome.roc_auc', 'candidate')!.value);
  assert.equal(metric(rep.metrics, 'data.rows', 'both')!.value, 2380);
  // The resumed run's metrics read the scores back from the workspace; the uninterrupted run's took
  // them from the replay itself: every record, interval and p-value must be the same.
  assert.deepEqual(rep.metrics, base.metrics);
});

const badCases: [string, string[], RegExp][] = [
  ['a missing traffic file', ['run', ...pair('hmda-matrix', 'data/hmda/nope.parquet')], /FILE_NOT_FOUND.*nope\.parquet/],
  ['a truncated Parquet file', ['run', ...pair('hmda-matrix', 'bad/truncated.parquet')], /BAD_DATASET.*truncated\.parquet/],
  ['a truncated ONNX file', ['run', '--production', F('bad/truncated.onnx'), '--candidate', F('models/hmda-matrix/candidate.onnx'), '--data', F('data/hmda/traffic.parquet'), '--map', F('maps/hmda-matrix.map.yaml')], /BAD_MODEL.*truncated\.onnx/],
  ['a map naming a missing column', ['run', ...pair('hmda-matrix', 'data/hmda/traffic.parquet', 'bad/missing-column.map.yaml')], /MAPPING_MISMATCH.*column "/],
  ['a map giving too many columns', ['run', ...pair('hmda-matrix', 'data/hmda/traffic.parquet', 'bad/too-many-columns.map.yaml')], /MAPPING_MISMATCH.*takes 4 columns.*gives 5/],
  ['a map feeding text to a float input', ['run', ...pair('hmda-matrix', 'data/hmda/traffic.parquet', 'bad/wrong-type.map.yaml')], /MAPPING_MISMATCH.*is float32, but column/],
  ['a malformed map', ['run', ...pair('hmda-matrix', 'data/hmda/traffic.parquet', 'bad/malformed.map.yaml')], /BAD_MAP.*malformed\.map\.yaml/],
  ['a label with three values', ['run', ...pair('hmda-matrix', 'bad/label-three-values.csv')], /BAD_LABEL.*more than two distinct values/],
  ['an empty dataset', ['run', ...pair('hmda-matrix', 'bad/empty.csv')], /EMPTY_DATASET.*empty\.csv/],
  ['a missing flag', ['run', '--production', 'x.onnx'], /BAD_ARGUMENT.*--candidate is required/],
  ['an unknown flag', ['run', '--prodution', 'x.onnx'], /BAD_ARGUMENT.*prodution/],
  ['a zero rate', ['run', ...pair('hmda-matrix'), '--rate', '0'], /BAD_ARGUMENT.*--rate must be a number greater than 0/],
];

for (const [what, args, message] of badCases) {
  test(`bad input: ${what} ends with one clear message and a non-zero exit`, async () => {
    const r = await cli([...args, '--out', join(tmp, 'bad-' + what.replace(/\W+/g, '-'))]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, message);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  });
}

test('--help explains every flag of every command with an example', async () => {
  const top = await cli(['--help']);
  assert.equal(top.code, 0);
  const names = [...top.out.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]);
  assert.ok(names.includes('run') && names.includes('demo'));
  for (const n of names) {
    const h = await cli([n, '--help']);
    assert.equal(h.code, 0, n);
    assert.match(h.out, new RegExp(`Examples:\\n(.*\\n)*.*shadowbench ${n}`), `${n} has an example`);
    if (/\[flags\]/.test(h.out.split('\n')[0])) assert.match(h.out, /\nFlags:\n {2}(-\w, )?--/, `${n} documents its flags`);
  }
});

test('demo: the bundled run evaluates every bundled criterion, drift against the rows the models were trained on', async () => {
  const out = join(tmp, 'demo');
  const r = await cli(['demo', '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.err);
  const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const ref = rep.artefacts.datasets.find((d: { role: string }) => d.role === 'reference');
  assert.ok(ref, 'a reference dataset');
  assert.equal(ref.rows, 1190);
  assert.ok(rep.metrics.some((m: MetricRecord) => m.id === 'drift.psi'), 'drift.psi records');
  const status = Object.fromEntries(rep.criteria.map((c: { id: string; status: string }) => [c.id, c.status]));
  assert.deepEqual(Object.keys(status), ['auc-noninferior', 'brier-not-worse', 'four-fifths', 'parity-ratio', 'drift-psi', 'latency-p99']);
  for (const [id, s] of Object.entries(status)) assert.notEqual(s, 'not_evaluable', id);
  assert.equal(status['drift-psi'], 'pass'); // the traffic is the training rows and as many held out: no drift
});
