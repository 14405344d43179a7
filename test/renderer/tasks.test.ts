import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRecord } from '../../core/contract/index.js';
import { headlines } from '../../renderer/src/metrics/group.js';
import { confusion } from '../../renderer/src/metrics/confusion.js';

const rec = (id: string, model: MetricRecord['model'], value: number, group?: Record<string, string>): MetricRecord => ({ id, model, value, ...(group ? { group } : {}) });

test('headline cards for regression (MAE, R²) and multiclass (accuracy, macro F1)', () => {
  const reg = headlines([rec('regression.mae', 'production', 1.2), rec('regression.mae', 'candidate', 1.1), rec('regression.mae', 'delta', -0.1), rec('regression.r2', 'production', 0.8), rec('regression.r2', 'candidate', 0.82), rec('regression.mae', 'production', 2, { sex: 'F' })]);
  assert.deepEqual(reg.map((h) => h.title), ['MAE', 'R²']);
  assert.equal(reg[0]!.row.byModel.delta?.value, -0.1);
  const mc = headlines([rec('multiclass.accuracy', 'production', 0.9), rec('multiclass.macro_f1', 'candidate', 0.88)]);
  assert.deepEqual(mc.map((h) => h.title), ['Accuracy', 'Macro F1']);
});

test('the confusion matrix of a model: rows true, columns predicted, classes in first-seen order', () => {
  const recs = [
    rec('multiclass.confusion', 'production', 5, { true: 'a', predicted: 'a' }), rec('multiclass.confusion', 'production', 1, { true: 'a', predicted: 'b' }),
    rec('multiclass.confusion', 'production', 2, { true: 'b', predicted: 'a' }), rec('multiclass.confusion', 'production', 7, { true: 'b', predicted: 'b' }),
    rec('multiclass.confusion', 'candidate', 9, { true: 'a', predicted: 'a' }),
  ];
  assert.deepEqual(confusion(recs, 'production'), { classes: ['a', 'b'], counts: [[5, 1], [2, 7]] });
  assert.deepEqual(confusion(recs, 'candidate'), { classes: ['a'], counts: [[9]] });
});
