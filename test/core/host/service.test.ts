import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MetricRecord, WorkbenchEvent } from '../../../core/contract/index.js';
import { dispatch } from '../../../core/host/dispatch.js';
import { createWorkbenchService, type WorkbenchService } from '../../../core/host/service.js';
import { loadMap } from '../../../core/replay/loadMap.js';

const ROOT = resolve('.');
const F = (p: string) => join(ROOT, 'fixtures', p);
const tmp = mkdtempSync(join(tmpdir(), 'sb-service-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

function finished(service: WorkbenchService, runId: string): Promise<WorkbenchEvent> {
  return new Promise((res) => {
    const off = service.on((e) => { if (e.kind === 'run-finished' && e.runId === runId) { off(); res(e); } });
  });
}

test('the service runs the whole flow: workspace, models, dataset, map, run with events, metrics, disagreements, query', async () => {
  const service = await createWorkbenchService({ allowedRoots: [ROOT, tmp] });
  try {
    const events: WorkbenchEvent[] = [];
    service.on((e) => events.push(e));
    await service.openWorkspace({ path: join(tmp, 'a.duckdb') });
    const prod = await service.openModel({ role: 'production', path: F('models/hmda-matrix/production.onnx') });
    await service.openModel({ role: 'candidate', path: F('models/hmda-matrix/candidate.onnx') });
    assert.equal(prod.sha256.length, 64);
    const ds = await service.importDataset({ path: F('data/hmda/traffic.parquet') });
    assert.equal(ds.rows, 2380);
    const map = await loadMap(F('maps/hmda-matrix.map.yaml'));
    const resolved = await service.resolveMap({ datasetId: ds.id, map });
    assert.equal(resolved.models.production.score, 'probabilities[1]');
    await service.saveMap({ map });
    const run = await service.startRun({ datasetId: ds.id, chunkRows: 500, latency: { requests: 60, warmup: 5 } });
    const end = await finished(service, run.id);
    assert.equal(end.kind === 'run-finished' && end.status, 'done', JSON.stringify(end));
    assert.ok(events.some((e) => e.kind === 'progress' && e.stage === 'replay' && e.runId === run.id));
    const metrics: MetricRecord[] = await service.getMetrics({ runId: run.id });
    const expected = JSON.parse(readFileSync(F('models/hmda-matrix/expected.json'), 'utf8'));
    const auc = metrics.find((m) => m.id === 'outcome.roc_auc' && m.model === 'candidate')!;
    assert.ok(metrics.some((m) => m.id === 'latency.p99' && m.model === 'ratio'), 'the latency replay ran from the API');
    assert.ok(events.some((e) => e.kind === 'progress' && e.stage === 'latency'));
    assert.ok(Math.abs(auc.value! - expected.candidate.auc_all_rows) < 1e-6);

    const page = await service.getDisagreements({ runId: run.id, limit: 10 });
    assert.equal(page.rows.length, 10);
    const delta = page.columns.findIndex((c) => c.name === 'score_delta');
    const deltas = page.rows.map((r) => Math.abs(Number(r[delta])));
    assert.deepEqual(deltas, [...deltas].sort((a, b) => b - a), 'ordered by |score delta|, largest first');
    const flips = await service.getDisagreements({ runId: run.id, order: 'flip', limit: 1000 });
    const dp = page.columns.findIndex((c) => c.name === 'decision_production');
    const dc = page.columns.findIndex((c) => c.name === 'decision_candidate');
    assert.ok(flips.rows.length > 0 && flips.rows.every((r) => r[dp] !== r[dc]));
    const agreement = metrics.find((m) => m.id === 'shadow.agreement_rate')!;
    assert.equal(flips.rows.length, Math.round((1 - agreement.value!) * 2380));
    const afam = await service.getDisagreements({ runId: run.id, group: { column: 'afam', value: 'yes' }, limit: 1000 });
    const ai = afam.columns.findIndex((c) => c.name === 'afam');
    assert.ok(afam.rows.every((r) => r[ai] === 'yes'));

    const q = await service.query({ sql: `SELECT count(*) AS n FROM "${ds.id}"` });
    assert.equal(Number(q.rows[0][0]), 2380);
    const refused = await dispatch(service, 'query', { sql: `DROP TABLE "${ds.id}"` });
    assert.equal(refused.ok, false);

    // Criteria, export, sign, countersign and verify from the workbench.
    const crit = await service.evaluateCriteria({ runId: run.id, criteriaPath: F('criteria/hmda.criteria.yaml') });
    assert.ok(crit.length > 0 && crit.every((c) => ['pass', 'fail', 'not_evaluable'].includes(c.status)));
    const dir = join(tmp, 'export');
    const exp = await service.exportReport({ runId: run.id, dir, criteriaPath: F('criteria/hmda.criteria.yaml'), formats: ['json', 'html'] });
    assert.deepEqual(exp.files.map((f) => f.name).sort(), ['report.html', 'report.json']);
    const exported = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.equal(exported.criteria.length, crit.length);
    assert.ok(exported.verdict);
    const { keygen } = await import('../../../core/report/sign/index.js');
    const v = await keygen(join(tmp, 'keys'), { algorithm: 'ed25519', name: 'validator' });
    const a = await keygen(join(tmp, 'keys'), { algorithm: 'ecdsa-p256', name: 'approver' });
    const s1 = await service.signReport({ dir, keyPath: v.privateKeyPath, signer: 'A. Validator', role: 'Validation', meaning: 'validated' });
    assert.equal(s1.signatures.length, 1);
    const s2 = await service.signReport({ dir, keyPath: a.privateKeyPath, signer: 'B. Approver', role: 'Model risk', meaning: 'approved' });
    assert.equal(s2.ok, true, 'the countersignature and every file check out');
    assert.match(s2.signatures[0].reason ?? '', /^not checked here/, 'the first signer\'s key is not known to the signing step');
    const ok = await service.verifyReport({ dir, keys: [v.publicKeyPath, a.publicKeyPath] });
    assert.equal(ok.ok, true, JSON.stringify(ok.errors));
    assert.deepEqual(ok.signatures.map((x) => x.meaning), ['validated', 'approved']);
    const preview = await service.previewReport!({ runId: run.id });
    assert.match(preview.html, /<html/i);

    // Reopening the workspace shows everything, and the metrics are still there.
    await service.openWorkspace({ path: join(tmp, 'a.duckdb') });
    const ws = await service.getWorkspace({});
    assert.equal(ws.datasets.length, 1);
    assert.equal(ws.models.length, 2);
    assert.equal(ws.runs[0].status, 'done');
    assert.ok(ws.map);
    assert.equal((await service.getMetrics({ runId: run.id })).length, metrics.length);
  } finally {
    await service.close();
  }
});

test('paths outside the allowed folders, unknown methods and bad arguments come back as clear errors', async () => {
  const service = await createWorkbenchService({ allowedRoots: [tmp] });
  try {
    const r = await dispatch(service, 'openWorkspace', { path: '/etc/passwd.duckdb' });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'PATH_NOT_ALLOWED');
    const u = await dispatch(service, 'dropEverything', {});
    assert.equal(!u.ok && u.error.code, 'UNKNOWN_METHOD');
    const n = await dispatch(service, 'getWorkspace', {});
    assert.equal(!n.ok && n.error.code, 'NOT_FOUND');
    assert.match(!n.ok ? n.error.message : '', /No workspace is open/);
  } finally {
    await service.close();
  }
});

test('a run can be cancelled, keeps its status, and a map error reaches the caller before any run starts', async () => {
  const service = await createWorkbenchService({});
  try {
    await service.openWorkspace({ path: join(tmp, 'b.duckdb') });
    await service.openModel({ role: 'production', path: F('models/hmda-matrix/production.onnx') });
    await service.openModel({ role: 'candidate', path: F('models/hmda-matrix/candidate.onnx') });
    const ds = await service.importDataset({ path: F('data/hmda/traffic.parquet') });
    const bad = await dispatch(service, 'startRun', { datasetId: ds.id });
    assert.equal(!bad.ok && bad.error.code, 'MAPPING_MISMATCH');
    const map = await loadMap(F('maps/hmda-matrix.map.yaml'));
    const run = await service.startRun({ datasetId: ds.id, map, chunkRows: 100 });
    const end = finished(service, run.id);
    const c = await service.cancelRun({ runId: run.id });
    const e = await end;
    if (c.cancelled && e.kind === 'run-finished' && e.status !== 'done') {
      assert.equal(e.status, 'cancelled');
      assert.equal((await service.getRun({ runId: run.id })).status, 'cancelled');
    }
  } finally {
    await service.close();
  }
});
