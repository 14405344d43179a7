import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, shot, openWorkspaceAndModels, withRealWorkbench } from './browser.js';

const MODELS = join(ROOT, 'fixtures', 'models', 'multiclass');
const DATA = join(ROOT, 'fixtures', 'data', 'multiclass', 'wine.parquet');

test('a multiclass run in the browser: task and classes on the Mapping screen, accuracy / macro F1 cards and confusion matrices', { timeout: 300_000 }, async (t) => {
  return withRealWorkbench(t, { needs: [join(MODELS, 'production.onnx'), join(MODELS, 'candidate.onnx'), DATA], tmpPrefix: 'sb-tasks-', shotPrefix: 'tasks' }, async ({ page, service, tmp }) => {
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
  });
});
