import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../core/host/server.js';
import { browserSkipReason, ensureRendererBuilt, launch, shot, STATIC_DIR, watchConsole } from './browser.js';
import { createFakeService } from './fake-service.js';

test('workbench UI over HTTP against a fake service: every screen', { timeout: 180_000 }, async (t) => {
  const skip = browserSkipReason();
  if (skip) return t.skip(skip);
  ensureRendererBuilt();
  const service = createFakeService({ runMs: 1200 });
  const srv = await startServer({ service, staticDir: STATIC_DIR });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    const problems = watchConsole(page);

    // Without the token: the UI says what to do.
    await page.goto(srv.origin);
    await page.getByText(/no valid token/i).first().waitFor();

    await page.goto(srv.url);
    await page.waitForFunction('!location.search.includes("token")');
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();
    await shot(page, '01-workspace-empty');

    // Models: a wrong file shows an error inline, then the right ones.
    await page.getByLabel('ONNX file').first().fill('/data/models/hmda/production.txt');
    await page.locator('#model-production').getByRole('button', { name: 'Open' }).click();
    await page.locator('#model-production').getByRole('alert').getByText(/not an ONNX file/).waitFor();
    await page.getByLabel('ONNX file').first().fill('/data/models/hmda/production.onnx');
    await page.locator('#model-production').getByRole('button', { name: 'Open' }).click();
    await page.getByLabel('ONNX file').nth(1).fill('/data/models/hmda/candidate.onnx');
    await page.locator('#model-candidate').getByRole('button', { name: 'Open' }).click();
    await page.locator('#model-candidate').getByText('b7e2d94a01c3f5e6').waitFor();
    await page.getByLabel('Parquet, Arrow or CSV').fill('/data/hmda/traffic.parquet');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('table', { name: 'Dataset preview' }).waitFor();
    assert.match(await page.locator('.topbar').innerText(), /3f9a1c27e4b0/);
    await shot(page, '02-workspace-loaded');

    // Mapping via Ctrl+2: defaults filled by resolveMap; a bad column shows on its row.
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { name: 'Mapping', level: 1 }).waitFor();
    await page.getByText(/Mapping checked against both models/).waitFor();
    await shot(page, '03-mapping');
    await page.locator('#map-label').selectOption('');
    await page.getByRole('button', { name: 'Check mapping' }).click();
    await page.getByText(/Mapping checked/).waitFor();
    await page.locator('#map-label').selectOption('deny');
    await page.getByRole('button', { name: 'Check mapping' }).click();

    // Run via the rail; progress, then done.
    await page.getByRole('button', { name: /^Run,/ }).click();
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('progressbar').waitFor();
    await page.waitForTimeout(500);
    await shot(page, '04-run-progress');
    // The metrics stage counts steps, not rows.
    await page.locator('#run-progress').getByText(/metrics · step [1-4] of 4/).waitFor({ timeout: 15_000 });
    await shot(page, '04b-run-metrics');
    await page.getByRole('button', { name: 'Compare results →' }).click({ timeout: 15_000 });

    // Compare: cards, outcome table, fairness charts, generic families.
    await page.getByRole('list', { name: 'Headline metrics' }).waitFor();
    const auc = await page.locator('[data-card="auc"]').innerText();
    assert.match(auc, /0\.8012 \[0\.7802, 0\.8201\]/);
    assert.match(auc, /\+0\.0224/);
    assert.match(auc, /better/);
    const outcomes = await page.getByRole('table', { name: 'Outcome metrics' }).innerText();
    assert.match(outcomes, /p = 0\.044/);
    assert.match(outcomes, /DeLong p = 0\.0071/);
    assert.match(outcomes, /2,380/);
    await page.locator('#fairness-afam .js-plotly-plot').first().waitFor({ timeout: 30_000 });
    await page.locator('#family-drift').waitFor();
    await page.locator('#family-latency').waitFor();
    await page.waitForTimeout(800);
    await shot(page, '05-compare-top');
    await page.locator('#fairness-afam').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, '06-compare-fairness');
    await page.locator('#family-drift').scrollIntoViewIfNeeded();
    await shot(page, '07-compare-drift-latency');
    // Latency CDFs on a log x axis, production then candidate.
    const cdf = page.locator('#curves-latency-distribution .js-plotly-plot');
    await cdf.waitFor({ timeout: 30_000 });
    assert.equal(await cdf.evaluate((el) => (el as unknown as { _fullLayout: { xaxis: { type: string } } })._fullLayout.xaxis.type), 'log');
    assert.deepEqual(await cdf.evaluate((el) => (el as unknown as { data: { name: string }[] }).data.map((d) => d.name)), ['Production', 'Candidate']);
    await cdf.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, '07b-compare-latency-cdf');
    // Tooltip by keyboard focus.
    await page.locator('[data-card="auc"] .metric-name').focus();
    await page.getByRole('tooltip').getByText(/Mann-Whitney/).waitFor();
    await page.locator('[data-card="auc"] .metric-name').blur();

    // Disagreements: table, group filter, row detail, SQL.
    await page.keyboard.press('Control+5');
    await page.getByRole('table', { name: 'Disagreeing rows' }).waitFor();
    await page.getByLabel('Group attribute').selectOption('afam');
    await page.getByLabel('Group value').selectOption('yes');
    await page.getByText('Rows 1–41 of 41').waitFor();
    await page.getByRole('table', { name: 'Disagreeing rows' }).locator('tbody tr').first().click();
    await page.getByRole('complementary', { name: 'Row detail' }).getByText('score_delta').waitFor();
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.getByRole('table', { name: 'Query results' }).waitFor();
    await shot(page, '08-disagreements');

    // Report: criteria -> verdict in the top bar, export, sign, verify.
    await page.keyboard.press('Control+6');
    await page.getByLabel('Criteria file').fill('/data/criteria.yaml');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByRole('table', { name: 'Criteria results' }).waitFor();
    assert.match(await page.locator('.topbar').innerText(), /Fail: 2 of 5 criteria/);
    await page.locator('#export').getByLabel('Report folder').fill('/tmp/report');
    await page.getByRole('button', { name: 'Export report' }).click();
    await page.getByRole('table', { name: 'Exported files' }).waitFor();
    await page.getByLabel('Name').fill('A. Validator');
    await page.getByLabel('Role').fill('Model validator');
    await page.getByLabel('Private key (PEM)').fill('/keys/validator.pem');
    await page.getByLabel('Passphrase').fill('secret');
    await page.getByRole('button', { name: 'Sign report' }).click();
    await page.getByText('✓ Verified: every signature').waitFor();
    await page.locator('#verify').getByLabel('Report folder').fill('/tmp/received');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText(/digest differs/).waitFor();
    await shot(page, '09-report');
    await page.getByRole('button', { name: 'Show preview' }).click();
    await page.frameLocator('iframe[title="Report preview"]').getByText('Validation report').waitFor();

    // Dark theme on Compare.
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    await page.keyboard.press('Control+4');
    await page.locator('#fairness-afam .js-plotly-plot').first().waitFor();
    await page.waitForTimeout(800);
    await shot(page, '10-compare-dark');

    const calls = service.calls.map((c) => c.method);
    for (const m of ['openModel', 'importDataset', 'resolveMap', 'startRun', 'getMetrics', 'getDisagreements', 'query', 'evaluateCriteria', 'exportReport', 'signReport', 'verifyReport', 'previewReport']) {
      assert.ok(calls.includes(m), `UI never called ${m}`);
    }
    const real = problems.filter((p) => !/401|Unauthorized|Failed to load resource/i.test(p));
    assert.deepEqual(real, [], 'console errors / CSP violations');
  } finally {
    await browser.close();
    await srv.close();
    await service.close();
  }
});
