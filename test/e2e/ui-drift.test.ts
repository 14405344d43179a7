import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, shot, openWorkspaceAndModels, withRealWorkbench } from './browser.js';

const MODELS = join(ROOT, 'fixtures', 'models', 'synthetic');
const DATA = join(ROOT, 'fixtures', 'data', 'synthetic');
const INPUTS = 'age, income, tenure_months, sessions_30d, basket_value, discount_rate, segment';

test('drift against a reference in the browser with the real service: drift table, distributions, metrics over time, disagreements', { timeout: 300_000 }, async (t) => {
  return withRealWorkbench(t, { needs: [join(MODELS, 'production.onnx'), join(MODELS, 'candidate.onnx'), join(DATA, 'reference.parquet'), join(DATA, 'traffic.parquet')], tmpPrefix: 'sb-drift-', shotPrefix: 'drift' }, async ({ page, service, tmp }) => {
    await openWorkspaceAndModels(page, join(tmp, 'synthetic.sbw'), MODELS, 'numeric');
    for (const [i, name] of ['reference', 'traffic'].entries()) {
      await page.getByLabel('Parquet, Arrow or CSV').fill(join(DATA, `${name}.parquet`));
      await page.getByRole('button', { name: 'Import' }).click();
      for (let k = 0; (await service.getWorkspace({})).datasets.length <= i; k++) {
        assert.ok(k < 200, `${name} imported`);
        await page.waitForTimeout(100);
      }
      await page.getByRole('table', { name: 'Dataset preview' }).waitFor();
    }
    const datasets = (await service.getWorkspace({})).datasets;
    const reference = datasets.find((d) => d.name.startsWith('reference'))!;
    const traffic = datasets.find((d) => d.name.startsWith('traffic'))!;
    assert.ok(reference && traffic, 'both datasets imported');

    await page.keyboard.press('Control+3');
    await page.locator('#run-dataset').selectOption(traffic.id);
    await page.keyboard.press('Control+2');
    await page.locator('#map-production-numeric').fill(INPUTS);
    await page.locator('#map-candidate-numeric').fill(INPUTS);
    await page.locator('#map-label').selectOption('converted');
    await page.locator('#map-positive').fill('1');
    await page.getByRole('checkbox', { name: 'gender' }).check();
    await page.locator('#map-timestamp').selectOption('ts');
    await page.locator('#map-id').selectOption('request_id');
    await page.getByRole('button', { name: 'Check mapping' }).click();
    await page.getByText(/Mapping checked against both models/).waitFor();
    await shot(page, 'drift-01-mapping');

    await page.keyboard.press('Control+3');
    await page.locator('#run-reference').selectOption(reference.id);
    await shot(page, 'drift-02-run-options');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('button', { name: 'Compare results →' }).click({ timeout: 120_000 });

    // Drift table with a sparkline per column, and the distribution of the selected column.
    const drift = page.getByRole('table', { name: 'Drift by column' });
    await drift.waitFor();
    assert.equal(await drift.locator('tbody tr').count(), 8, 'one row per model input column');
    await drift.locator('tbody tr[data-column="income"] svg.spark').waitFor();
    await drift.locator('tbody tr[data-column="income"]').click();
    const detail = page.locator('[data-distribution="income"]');
    await detail.locator('.js-plotly-plot').waitFor({ timeout: 60_000 });
    const runId = (await page.locator('.lede .mono').first().innerText()).trim();
    const dist = await service.getDriftDistribution!({ runId, column: 'income' });
    assert.equal(dist.kind, 'numeric');
    assert.ok(Math.abs(dist.reference.reduce((a, b) => a + b, 0) - 1) < 1e-9 && Math.abs(dist.current.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'shares sum to 1');
    assert.ok((await detail.innerText()).includes(dist.n.reference.toLocaleString('en-US')), 'reference row count shown');
    await detail.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await shot(page, 'drift-03-distribution-numeric');
    await drift.locator('tbody tr[data-column="region"]').click();
    await page.locator('[data-distribution="region"] .js-plotly-plot').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    await shot(page, 'drift-04-distribution-categorical');

    // Metrics over time: one small multiple per metric, production then candidate.
    const over = page.locator('#over-time');
    await over.locator('[data-series="time.roc_auc"] .js-plotly-plot').waitFor({ timeout: 60_000 });
    const legend = (await over.locator('[data-series="time.roc_auc"] .legend').textContent()) ?? '';
    assert.ok(legend.indexOf('Production') < legend.indexOf('Candidate'), 'production first in the legend');
    await over.scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await shot(page, 'drift-05-over-time');
    await page.locator('#main').evaluate((m) => { m.scrollTop = 0; });
    await page.waitForTimeout(300);
    await shot(page, 'drift-06-compare-top');

    // Disagreements: a virtualised table, paged from the server as it scrolls, filtered by time window.
    await page.keyboard.press('Control+5');
    const table = page.getByRole('table', { name: 'Disagreeing rows' });
    await table.locator('tbody tr[aria-rowindex]').first().waitFor();
    const inDom = await table.locator('tbody tr[aria-rowindex]').count();
    assert.ok(inDom > 10 && inDom < 80, `only the visible rows are rendered (${inDom})`);
    const scroller = page.locator('#disagreements .scroll.virtual');
    for (let k = 0; k < 3; k++) {
      await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await page.waitForTimeout(400);
    }
    await page.locator('#disagreements .pager').getByText(/Rows 1–(6|8)00, more/).waitFor();
    assert.ok(await table.locator('tbody tr[aria-rowindex]').count() < 80, 'still only the visible rows after scrolling');
    await scroller.evaluate((el) => { el.scrollTop = 0; });
    await page.getByLabel('Time window', { exact: true }).selectOption({ index: 2 });
    const [from, to] = (await page.getByLabel('Time window', { exact: true }).inputValue()).split('|') as [string, string];
    const expected = await service.getDisagreements({ runId, limit: 3, window: { from, to } });
    const tsCol = expected.columns.findIndex((c) => c.name === 'ts');
    for (const r of expected.rows) assert.ok(String(r[tsCol]) >= from && String(r[tsCol]) < to, `${String(r[tsCol])} in [${from}, ${to})`);
    const rowCol = expected.columns.findIndex((c) => c.name === 'row');
    await table.locator('tbody tr[aria-rowindex="2"] td').nth(rowCol).getByText(Number(expected.rows[0]![rowCol]).toLocaleString('en-US'), { exact: true }).waitFor();
    await table.locator('tbody tr[aria-rowindex="2"]').click();
    await page.getByRole('complementary', { name: 'Row detail' }).getByText('score_delta').waitFor();
    await shot(page, 'drift-07-disagreements-window');

  });
});
