import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetInfo, ModelSignature, TensorInfo } from '../../../core/contract/index.js';
import { parseMap } from '../../../core/replay/loadMap.js';
import { type DatasetProbe, resolveMap } from '../../../core/replay/resolveMap.js';

const t = (name: string, type: TensorInfo['type'], shape: TensorInfo['shape'], kind: TensorInfo['kind'] = 'tensor', extra: Partial<TensorInfo> = {}): TensorInfo => ({ name, kind, type, shape, ...extra });
const sig = (inputs: TensorInfo[], outputs: TensorInfo[]): ModelSignature => ({
  inputs, outputs, opsets: { '': 17 }, irVersion: 8, producerName: 'test', producerVersion: '', domain: '', modelVersion: 0, docString: '', metadata: {},
});
const dataset: DatasetInfo = {
  id: 'traffic', name: 'traffic.parquet', path: '/tmp/traffic.parquet', format: 'parquet', sha256: 'x', sizeBytes: 1, rows: 10, importedAt: '',
  columns: [
    { name: 'a', type: 'DOUBLE' }, { name: 'b', type: 'FLOAT' }, { name: 'c', type: 'BIGINT' }, { name: 'region', type: 'VARCHAR' },
    { name: 'deny', type: 'VARCHAR' }, { name: 'grp', type: 'VARCHAR' }, { name: 'col with "quotes"', type: 'DOUBLE' },
  ],
};
const probe = (labels: unknown[] = ['no', 'yes']): DatasetProbe => ({ info: dataset, distinct: async () => labels });
const matrix = sig([t('float_input', 'float32', ['batch', 3])], [t('label', 'int64', ['batch']), t('probabilities', 'float32', ['batch', 2])]);
const perColumn = sig(
  [t('a', 'float32', ['batch', 1]), t('region', 'string', ['batch', 1]), t('c', 'int64', ['batch', 1])],
  [t('output_label', 'int64', ['batch']), t('output_probability', 'unknown', [], 'zipmap', { feeds: 'probs', classLabels: [0, 1] })],
);
const sigs = { production: matrix, candidate: perColumn };
const map = (extra: object = {}) => parseMap(JSON.stringify({
  label: 'deny', positive: 'yes', sensitive: ['grp'],
  models: { production: { inputs: { float_input: ['a', 'b', 'col with "quotes"'] } }, candidate: {} }, ...extra,
}));

test('a 2-D input is fed from an ordered column list, a per-column model by name, scores default to the positive class', async () => {
  const plan = await resolveMap(map(), probe(), sigs);
  assert.deepEqual(plan.production.inputs, [{ input: 'float_input', type: 'float32', columns: ['a', 'b', 'col with "quotes"'], layout: 'matrix' }]);
  assert.deepEqual(plan.candidate.inputs.map((i) => [i.input, i.columns, i.type]), [['a', ['a'], 'float32'], ['region', ['region'], 'string'], ['c', ['c'], 'int64']]);
  assert.equal(plan.production.scoreOutput, 'probabilities');
  assert.equal(plan.production.scoreIndex, 1);
  assert.equal(plan.candidate.scoreOutput, 'output_probability');
  assert.equal(plan.candidate.scoreIndex, 1);
  assert.equal(plan.map.threshold, 0.5);
  assert.equal(plan.map.models.production.score, 'probabilities[1]');
});

test('an explicit score output and column index are honoured and checked', async () => {
  const plan = await resolveMap(map({ models: { production: { inputs: { float_input: ['a', 'b', 'c'] }, score: 'probabilities[0]' }, candidate: {} } }), probe(), sigs);
  assert.equal(plan.production.scoreIndex, 0);
  await assert.rejects(resolveMap(map({ models: { production: { inputs: { float_input: ['a', 'b', 'c'] }, score: 'probabilities[2]' }, candidate: {} } }), probe(), sigs),
    (e: Error & { code?: string }) => e.code === 'MAPPING_MISMATCH' && /column 2 of output "probabilities", which has 2 columns/.test(e.message));
  await assert.rejects(resolveMap(map({ models: { production: { inputs: { float_input: ['a', 'b', 'c'] }, score: 'proba' }, candidate: {} } }), probe(), sigs),
    (e: Error) => /names output "proba", which the production model does not have. Its outputs are: label, probabilities/.test(e.message));
});

test('a width mismatch names the input, both widths and the map key', async () => {
  await assert.rejects(resolveMap(map({ models: { production: { inputs: { float_input: ['a', 'b', 'c', 'a'] } }, candidate: {} } }), probe(), sigs),
    (e: Error & { code?: string }) => e.code === 'MAPPING_MISMATCH' && /Input "float_input" of the production model takes 3 columns \(shape \[batch, 3\]\), but models.production.inputs.float_input gives 4/.test(e.message));
});

test('a missing column is named, with a near match suggested', async () => {
  await assert.rejects(resolveMap(map({ models: { production: { inputs: { float_input: ['a', 'B', 'c'] } }, candidate: {} } }), probe(), sigs),
    (e: Error) => /names column "B", which dataset traffic.parquet does not have. Did you mean "b"\?/.test(e.message));
  await assert.rejects(resolveMap(map({ sensitive: ['gender'] }), probe(), sigs), (e: Error) => /sensitive names column "gender"/.test(e.message));
});

test('an unmapped 2-D input, an unknown input name and a type mismatch are clear errors', async () => {
  await assert.rejects(resolveMap(map({ models: { production: {}, candidate: {} } }), probe(), sigs),
    (e: Error) => /Input "float_input" \[batch, 3\] of the production model has no column of the same name/.test(e.message));
  await assert.rejects(resolveMap(map({ models: { production: { inputs: { float_input: ['a', 'b', 'c'], extra: 'a' } }, candidate: {} } }), probe(), sigs),
    (e: Error) => /names input "extra", which the production model does not have/.test(e.message));
  await assert.rejects(resolveMap(map({ models: { production: { inputs: { float_input: ['a', 'region', 'c'] } }, candidate: {} } }), probe(), sigs),
    (e: Error) => /is float32, but column "region" is VARCHAR/.test(e.message));
});

test('labels: more than two values, a positive value not present, and defaults for 0/1', async () => {
  await assert.rejects(resolveMap(map(), probe(['maybe', 'no', 'yes']), sigs), (e: Error & { code?: string }) => e.code === 'BAD_LABEL' && /more than two distinct values/.test(e.message));
  await assert.rejects(resolveMap(map({ positive: 'Yes' }), probe(), sigs), (e: Error & { code?: string }) => e.code === 'BAD_LABEL' && /positive is "Yes"/.test(e.message));
  const plan = await resolveMap(map({ positive: undefined }), probe([0n, 1n]), sigs);
  assert.equal(plan.map.positive, 1);
});

test('malformed maps are refused with the key or line', () => {
  assert.throws(() => parseMap('label: [unclosed', 'm.yaml'), (e: Error & { code?: string }) => e.code === 'BAD_MAP' && /m.yaml, line 1/.test(e.message));
  assert.throws(() => parseMap('{"treshold": 0.5}', 'm.json'), /treshold: unknown key/);
  assert.throws(() => parseMap('threshold: 2', 'm'), /threshold: expected a number in \[0, 1\]/);
  assert.throws(() => parseMap('models: {production: {inputs: {x: 3}}}', 'm'), /models.production.inputs.x: expected a column name/);
  assert.throws(() => parseMap('models: {production: {score: "p[x]"}}', 'm'), /models.production.score/);
});
