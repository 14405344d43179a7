import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../core/host/server.js';
import { browserSkipReason, ensureRendererBuilt, launch, ROOT, shot, STATIC_DIR, watchConsole, openWorkspaceAndModels } from './browser.js';

const MODELS = join(ROOT, 'fixtures', 'models', 'multiclass');
const DATA = join(ROOT, 'fixtures', 'data', 'multiclass', 'wine.parquet');

test('a multiclass run in the browser: task and classes on the Mapping screen, accuracy / macro F1 cards and confusion matrices', { timeout: 300_000 }, async (t) => {
  const skip = browserSkipReason();
  if (skip) return t.skip(skip);
  for (const f of [join(MODELS, 'production.onnx'), join(MODELS, 'candidate.onnx'), DATA]) if (!existsSync(f)) return t.skip(`${f} is missing.`);
  ensureRendererBuilt();
  const { createWorkbenchService } = await import('../../core/host/service.js');
  const tmp = mkdtempSync(join(tmpdir(), 'sb-tasks-'));
  const service = await createWorkbenchService({ allowedRoots: [ROOT, tmp], transport: 'http' });
  const srv = await startServer({ service, staticDir: STATIC_DIR });
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  try {
    const problems = watchConsole(page);
    await page.goto(srv.url);
    await openWorkspaceAndModels(page, join(tmp, 'wine.sbw'), MODELS, 'float_input');
    await page.getByLabel('Parquet, Arrow or CSV').fill(DATA);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('table', { name: 'Dataset preview' }).waitFor();

    await page.keyboard.press('Control+2');
    await page.locator('#map-task').selectOption('multiclass');
    assert.equal(await page.locator('#map-threshold').count(), 0, 'no threshold for a multiclass task');
    await page.locator('#map-classes').fill('class_0, class_1, class_2');
    await page.locator('#map-production-float_input').fill('alcohol, malic_acid, ash, alcalinity_of_ash, magnesium');
    await page.locator('#map-candidate-float_input').fill('alcohol, malic_acid, ash, alcalinity_of_ash, magnesium, total_phenols, flavanoids, nonflavanoid_phenols, proanthocyanins, color_intensity, hue, od280_od315, proline');
    await page.locator('#map-label').selectOption('cultivar');
    await page.locator('#map-id').selectOption('request_id');
    await page.getByRole('button', { name: 'Check mapping' }).click();
    await page.getByText(/Mapping checked against both models/).waitFor();
    await shot(page, 'tasks-01-mapping-multiclass');

    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('button', { name: 'Compare results →' }).click({ timeout: 120_000 });
    await page.locator('[data-card="multiclass-accuracy"]').waitFor();
    await page.locator('[data-card="multiclass-macro_f1"]').waitFor();
    const matrix = page.getByRole('table', { name: 'Confusion matrix, production' });
    await matrix.waitFor();
    assert.equal(await matrix.locator('tbody tr').count(), 3);
    await page.getByRole('table', { name: 'Confusion matrix, candidate' }).waitFor();
    await shot(page, 'tasks-02-compare-multiclass');
    await matrix.scrollIntoViewIfNeeded();
    await shot(page, 'tasks-03-confusion');
    const real = problems.filter((x) => !/Failed to load resource/i.test(x));
    assert.deepEqual(real, [], 'console errors / CSP violations');
  } catch (e) {
    await shot(page, 'tasks-failure').catch(() => undefined);
    throw e;
  } finally {
    await browser.close();
    await srv.close();
    await service.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
