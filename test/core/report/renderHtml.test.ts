import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCriteria } from '../../../core/checks/index.js';
import { applyCriteria, parseContext, renderHtml } from '../../../core/report/index.js';
import { demoReport } from './helpers.js';

const ORDER = ['cover', 'scope', 'artefacts', 'data', 'process', 'outcomes', 'fairness', 'drift', 'latency', 'criteria', 'findings', 'model-card', 'reproducibility', 'regulatory-map'];

function full() {
  const r = demoReport();
  r.context = parseContext('title: HMDA validation\nscope: Challenger validation\nintendedUse: Refer or decline\ndecisionRequested: Approve v2\nlimitations: [small sample]', 'ctx.yaml');
  r.curves = [{ id: 'roc', model: 'production', x: [0, 0.5, 1], y: [0, 0.7, 1] }, { id: 'roc', model: 'candidate', x: [0, 0.5, 1], y: [0, 0.8, 1] }];
  return applyCriteria(r, parseCriteria('- outcome.roc_auc delta ci_low >= -0.005\n- latency.p99 ratio <= 1.2', 'c.yaml'), { path: 'c.yaml', sha256: '0'.repeat(64) });
}

test('sections appear in the required order with stable ids', () => {
  const html = renderHtml(full(), { interactive: false });
  const at = ORDER.map((id) => html.indexOf(`<section id="${id}"`));
  for (let i = 0; i < at.length; i++) assert.ok(at[i] > 0, `section ${ORDER[i]} missing`);
  assert.deepEqual([...at].sort((a, b) => a - b), at);
  assert.match(html, /SR 11-7/);
  assert.match(html, /Annex IV/);
  assert.match(html, /0\.7626 \[0\.7315, 0\.7937\]/, 'numbers with 4 significant digits and their interval');
  assert.match(html, /p &lt; 0\.001 \(DeLong\)/);
  assert.match(html, /NOT EVALUABLE/);
  assert.match(html, /<svg class="chart"/);
});

test('strings from data are escaped: a <script> in a column name or context text is inert', () => {
  const r = full();
  r.artefacts.datasets[0].columns.push({ name: '<script>alert(1)</script>', type: 'VARCHAR' });
  r.data.missingByColumn['<img src=x onerror=alert(2)>'] = 3;
  r.context = { ...r.context, scope: '</section><script>alert(3)</script>' };
  r.metrics.push({ id: 'drift.psi', model: 'both', group: { column: '<b onmouseover=alert(4)>' }, value: 0.3 });
  for (const interactive of [false, true]) {
    const html = renderHtml(r, { interactive });
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /<b onmouseover/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  }
});

test('self-contained: no external fetches, no script src, a CSP that forbids the network', () => {
  const r = full();
  const stat = renderHtml(r, { interactive: false });
  assert.doesNotMatch(stat, /https?:\/\//);
  assert.doesNotMatch(stat, /<script/);
  const live = renderHtml(r, { interactive: true });
  assert.doesNotMatch(live, /<script[^>]*\ssrc=/i);
  assert.doesNotMatch(live, /<link[^>]*href=/i);
  assert.doesNotMatch(live, /<(img|iframe)[^>]*src=["']?https?:/i);
  assert.doesNotMatch(live, /url\(\s*["']?https?:/i);
  assert.match(live, /Content-Security-Policy" content="default-src 'none'/);
});

test('deterministic: the same report gives byte-identical HTML', () => {
  assert.equal(renderHtml(full(), { interactive: false }), renderHtml(full(), { interactive: false }));
  assert.equal(renderHtml(full()), renderHtml(full()));
});

test('unknown metric families and curves are rendered generically', () => {
  const r = full();
  r.metrics.push({ id: 'robustness.auc_under_noise', model: 'candidate', value: 0.7777, n: 100 });
  r.curves.push({ id: 'gain', model: 'candidate', x: [0, 1], y: [0, 1], xLabel: 'share', yLabel: 'gain' });
  const html = renderHtml(r, { interactive: false });
  assert.match(html, /<section id="other"/);
  assert.match(html, /robustness\.auc_under_noise/);
  assert.match(html, /0\.7777/);
  assert.match(html, /aria-label="gain"/);
  assert.doesNotMatch(renderHtml(full(), { interactive: false }), /<section id="other"/);
});

test('a report without context, criteria or curves says what to do next', () => {
  const html = renderHtml(demoReport(), { interactive: false });
  assert.match(html, /re-render with --context FILE/);
  assert.match(html, /re-render with --criteria FILE/);
  assert.match(html, /Drift was not measured/);
});
