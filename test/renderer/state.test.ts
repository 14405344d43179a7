import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnInfo, TensorInfo } from '../../core/contract/index.js';
import { initialState } from '../../renderer/src/state/appState.js';
import { railStates, verdictOf } from '../../renderer/src/state/railStates.js';
import { createStore } from '../../renderer/src/state/store.js';
import { checkInput } from '../../renderer/src/state/typeCheck.js';

const cols: ColumnInfo[] = [{ name: 'pirat', type: 'DOUBLE' }, { name: 'chist', type: 'BIGINT' }, { name: 'afam', type: 'VARCHAR' }, { name: 'ts', type: 'TIMESTAMP' }];
const tensor = (type: TensorInfo['type'], shape: TensorInfo['shape'] = ['N', 1]): TensorInfo => ({ name: 'x', kind: 'tensor', type, shape });

test('inline type checks name the column, the types and the width', () => {
  assert.deepEqual(checkInput(tensor('float32'), 'pirat', cols), { ok: true, message: 'float32 ← DOUBLE' });
  assert.equal(checkInput(tensor('float32'), 'chist', cols).ok, true);
  assert.equal(checkInput(tensor('string'), 'afam', cols).ok, true);
  assert.match(checkInput(tensor('float32'), 'afam', cols).message, /VARCHAR column for a float32 input/);
  assert.match(checkInput(tensor('int64'), 'pirat', cols).message, /truncated to int64/);
  assert.match(checkInput(tensor('float32'), 'nope', cols).message, /no column "nope"/);
  assert.equal(checkInput(tensor('float32'), undefined, cols).message, 'not mapped');
  assert.equal(checkInput(tensor('float32', ['N', 2]), ['pirat', 'chist'], cols).ok, true);
  assert.match(checkInput(tensor('float32', ['N', 3]), ['pirat', 'chist'], cols).message, /2 column\(s\) for width 3/);
});

test('rail states follow the workflow', () => {
  const s = initialState('light');
  assert.deepEqual(railStates(s), { workspace: 'empty', mapping: 'empty', run: 'empty', compare: 'empty', disagreements: 'empty', report: 'empty' });
  const ws = { path: '/w.sbw', name: 'w', models: [{}, {}] as never, datasets: [{}] as never, runs: [], map: null };
  assert.equal(railStates({ ...s, workspace: ws }).mapping, 'ready');
  assert.equal(railStates({ ...s, workspace: ws, errors: { map: { code: 'BAD_MAP', message: 'x' } } }).mapping, 'attention');
  const run = { status: 'running' } as never;
  assert.equal(railStates({ ...s, workspace: ws, run }).run, 'running');
  const done = { status: 'done' } as never;
  const r = railStates({ ...s, workspace: ws, run: done, metrics: [], criteria: [{ rule: 'a', status: 'fail', observed: 1, bound: 0 }] });
  assert.equal(r.compare, 'done');
  assert.equal(r.disagreements, 'ready');
  assert.equal(r.report, 'attention');
});

test('verdict text with counts', () => {
  assert.equal(verdictOf(null), null);
  assert.deepEqual(verdictOf([{ rule: 'a', status: 'pass', observed: 1, bound: 0 }]), { kind: 'pass', text: 'Pass: 1 of 1 criteria' });
  assert.equal(verdictOf([{ rule: 'a', status: 'pass', observed: 1, bound: 0 }, { rule: 'b', status: 'not_evaluable', observed: null, bound: 0 }])!.kind, 'not_evaluable');
  assert.equal(verdictOf([{ rule: 'a', status: 'fail', observed: 1, bound: 0 }, { rule: 'b', status: 'not_evaluable', observed: null, bound: 0 }])!.text, 'Fail: 1 of 2 criteria, 1 not evaluable');
});

test('store merges and notifies', () => {
  const st = createStore({ a: 1, b: 2 });
  let n = 0;
  const off = st.subscribe(() => n++);
  st.set({ a: 5 });
  st.set((s) => ({ b: s.a + 1 }));
  off();
  st.set({ a: 0 });
  assert.deepEqual(st.get(), { a: 0, b: 6 });
  assert.equal(n, 2);
});
