import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmtInterval, fmtSigned, decimalsFor } from '../../renderer/src/format/number.js';
import { ROOT, shot, openWorkspaceAndModels, withRealWorkbench } from './browser.js';

const MODELS = join(ROOT, 'fixtures', 'models', 'hmda-matrix');
const TRAFFIC = join(ROOT, 'fixtures', 'data', 'hmda', 'traffic.parquet');

test('full flow in the browser with the real service: open, map, run, compare, disagreements', { timeout: 300_000 }, async (t) => {
  return withRealWorkbench(t, { needs: [join(MODELS, 'production.onnx'), join(MODELS, 'candidate.onnx'), TRAFFIC, join(ROOT, 'core', 'host', 'service.ts')], tmpPrefix: 'sb-ui-', shotPrefix: 'real' }, async ({ page, service, tmp }) => {
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();

    // A path outside the allowed folders is refused with a clear message.
    await page.getByLabel('Workspace (.sbw)').fill('/etc/shadowbench.sbw');
    await page.locator('#workspace').getByRole('button', { name: 'Open' }).click();
    await page.locator('#workspace').getByRole('alert').getByText(/outside the folders/).waitFor();

    await openWorkspaceAndModels(page, join(tmp, 'hmda.sbw'), MODELS, 'float_input');
    await page.getByLabel('Parquet, Arrow or CSV').fill(TRAFFIC);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('table', { name: 'Dataset preview' }).getByText('r001787').waitFor();
    await shot(page, 'real-01-workspace');

    // Mapping: the 2-D inputs have no same-named column, so the host's error shows on the row.
    await page.keyboard.press('Control+2');
    await page.getByRole('alert', { name: 'Mapping error' }).getByText(/float_input/).waitFor();
    await shot(page, 'real-02-mapping-error');
    await page.locator('#map-production-float_input').fill('pirat, lvrat, chist, mhist');
    await page.locator('#map-candidate-float_input').fill('pirat, hirat, lvrat, chist, mhist, unemp');
    await page.locator('#map-label').selectOption('deny');
    await page.locator('#map-positive').fill('yes');
    await page.getByRole('checkbox', { name: 'afam' }).check();
    await page.locator('#map-timestamp').selectOption('ts');
    await page.locator('#map-id').selectOption('request_id');
    await page.getByRole('button', { name: 'Check mapping' }).click();
    await page.getByText(/Mapping checked against both models/).waitFor();
    await shot(page, 'real-03-mapping-ok');

    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('button', { name: 'Compare results →' }).click({ timeout: 120_000 });

    // Compare shows the service's numbers, formatted.
    await page.getByRole('list', { name: 'Headline metrics' }).waitFor();
    const runId = (await page.locator('.lede .mono').first().innerText()).trim();
    const metrics = await service.getMetrics({ runId });
    const rec = (id: string, model: string) => metrics.find((r) => r.id === id && r.model === model && !r.group)!;
    const p = rec('outcome.roc_auc', 'production'), c = rec('outcome.roc_auc', 'candidate'), d = rec('outcome.roc_auc', 'delta');
    const dec = decimalsFor(Math.max(Math.abs(p.value!), Math.abs(c.value!)));
    const card = await page.locator('[data-card="auc"]').innerText();
    assert.ok(card.includes(fmtInterval(p.value, p.ci, { decimals: dec })), `${card} lacks production AUC ${p.value}`);
    assert.ok(card.includes(fmtInterval(c.value, c.ci, { decimals: dec })), `${card} lacks candidate AUC ${c.value}`);
    assert.ok(card.includes(fmtSigned(d.value, { decimals: dec })), `${card} lacks the AUC delta ${d.value}`);
    const acc = rec('outcome.accuracy', 'candidate');
    const table = await page.getByRole('table', { name: 'Outcome metrics' }).innerText();
    assert.ok(table.includes(fmtInterval(acc.value, acc.ci, { decimals: decimalsFor(Math.max(acc.value!, rec('outcome.accuracy', 'production').value!)) })), 'accuracy row');
    await page.locator('#fairness-afam .js-plotly-plot').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(800);
    await shot(page, 'real-04-compare');
    await page.locator('#fairness-afam').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, 'real-05-compare-fairness');
    await page.locator('#family-shadow').scrollIntoViewIfNeeded();
    await shot(page, 'real-06-compare-shadow');

    await page.keyboard.press('Control+5');
    const rows = page.getByRole('table', { name: 'Disagreeing rows' });
    await rows.locator('tbody tr').first().waitFor();
    await rows.locator('tbody tr').first().click();
    await page.getByRole('complementary', { name: 'Row detail' }).getByText('score_delta').waitFor();
    await page.getByLabel('Group attribute').selectOption('afam');
    await page.getByLabel('Group value').selectOption('yes');
    await page.locator('#disagreements .pager').getByText(/Rows 1–\d+/).waitFor();
    await page.locator('#sql-text').fill('SELECT afam, count(*) AS n, avg(lvrat) AS mean_lvrat FROM traffic GROUP BY afam ORDER BY afam');
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.getByRole('table', { name: 'Query results' }).getByText('mean_lvrat').waitFor();
    await shot(page, 'real-07-disagreements');
    // Writes are refused.
    await page.locator('#sql-text').fill('DROP TABLE traffic');
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.locator('#sql').getByRole('alert').waitFor();

    await page.keyboard.press('Control+6');
    await page.getByRole('heading', { name: 'Report', level: 1 }).waitFor();
    await shot(page, 'real-08-report');

    // Export, sign as validator, countersign as approver, verify: through the UI, on the real files.
    const { keygen } = await import('../../core/report/sign/index.js');
    const validator = await keygen(join(tmp, 'keys'), { algorithm: 'ed25519', name: 'validator' });
    const approver = await keygen(join(tmp, 'keys'), { algorithm: 'ecdsa-p256', name: 'approver' });
    const dir = join(tmp, 'report');
    await page.locator('#export input[name="export-dir"]').fill(dir);
    await page.getByRole('button', { name: 'Export report' }).click();
    await page.locator('#export').getByRole('status').getByText(/Written to/).waitFor({ timeout: 120_000 });
    for (const [who, role, meaning, key] of [['A. Validator', 'Model validation', 'validated', validator], ['B. Approver', 'Head of model risk', 'approved', approver]] as const) {
      await page.locator('#sign-name').fill(who);
      await page.locator('#sign-role').fill(role);
      await page.locator('#sign-meaning').selectOption(meaning);
      await page.locator('#sign-key').fill(key.privateKeyPath);
      await page.getByRole('button', { name: 'Sign report' }).click();
      await page.getByRole('table', { name: 'Signatures on the envelope: signatures' }).getByText(who).waitFor();
    }
    await page.locator('#verify-keys').fill(`${validator.publicKeyPath}\n${approver.publicKeyPath}`);
    await page.locator('#verify input[name="verify-dir"]').fill(dir);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('#verify').getByRole('status').getByText(/Verified: every signature and every file checks out/).waitFor();
    await shot(page, 'real-09-report-signed');
    const exported = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.equal(exported.metrics.find((m: { id: string; model: string; group?: unknown }) => m.id === 'outcome.roc_auc' && m.model === 'candidate' && !m.group).value, c.value, 'the exported report carries the numbers the dashboard shows');
    // A changed byte in the exported HTML is refused, naming the file.
    writeFileSync(join(dir, 'report.html'), readFileSync(join(dir, 'report.html'), 'utf8').replace('<html', '<html data-x="1"'));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('#verify').getByRole('status').getByText(/Not verified/).waitFor();
    await page.locator('#verify').getByText(/report\.html/).first().waitFor();
  });
});
