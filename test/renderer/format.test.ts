import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decimalsFor, fmtBytes, fmtCount, fmtDuration, fmtInterval, fmtNum, fmtOf, fmtP, fmtPercent, fmtProgress, fmtRate, fmtSigned, fmtUnit, groupThousands, shortSha,
} from '../../renderer/src/format/number.js';

test('4 significant digits, thousands separators, tiny numbers in scientific notation', () => {
  assert.equal(fmtNum(0.833), '0.8330');
  assert.equal(fmtNum(0.0812), '0.08120');
  assert.equal(fmtNum(540), '540.0');
  assert.equal(fmtNum(4410), '4,410');
  assert.equal(fmtNum(1234567.89), '1,234,568');
  assert.equal(fmtNum(-12345.6), '-12,346');
  assert.equal(fmtNum(0.00001234), '1.234e-5');
  assert.equal(fmtNum(0), '0.000');
  assert.equal(fmtNum(-0.00001, { decimals: 4 }), '0.0000');
  assert.equal(fmtNum(null), '—');
  assert.equal(fmtNum(Number.NaN), '—');
  assert.equal(fmtNum(Infinity), '∞');
  assert.equal(decimalsFor(0.5), 4);
  assert.equal(decimalsFor(12.5), 2);
  assert.equal(groupThousands('-1234567.125'), '-1,234,567.125');
});

test('intervals beside values, at the value\'s precision', () => {
  assert.equal(fmtInterval(0.833, { low: 0.8121, high: 0.8517 }), '0.8330 [0.8121, 0.8517]');
  assert.equal(fmtInterval(0.0224, { low: 0.0098, high: 0.03372 }, { signed: true, decimals: 4 }), '+0.0224 [0.0098, 0.0337]');
  assert.equal(fmtInterval(-0.0116, { low: -0.0206, high: -0.0035 }, { signed: true, decimals: 4 }), '-0.0116 [-0.0206, -0.0035]');
  assert.equal(fmtInterval(0.9, null), '0.9000');
  assert.equal(fmtInterval(null, null), '—');
});

test('signed deltas, p-values, counts, rates, durations, bytes, units', () => {
  assert.equal(fmtSigned(0.0041, { decimals: 4 }), '+0.0041');
  assert.equal(fmtSigned(-0.012, { decimals: 4 }), '-0.0120');
  assert.equal(fmtSigned(0, { decimals: 4 }), '0.0000');
  assert.equal(fmtSigned(0.00001, { decimals: 4 }), '0.0000');
  assert.equal(fmtP(0.044), 'p = 0.044');
  assert.equal(fmtP(0.44), 'p = 0.44');
  assert.equal(fmtP(0.0071234), 'p = 0.0071');
  assert.equal(fmtP(0.00001), 'p < 0.0001');
  assert.equal(fmtP(0.999), 'p = 1.0');
  assert.equal(fmtCount(12810), '12,810');
  assert.equal(fmtOf(12810, 15537), '12,810 of 15,537');
  assert.equal(fmtRate(9120.4), '9,120 rows/s');
  assert.equal(fmtRate(12.345), '12.3 rows/s');
  assert.equal(fmtProgress({ done: 12810, total: 15537, rate: 9120.4, etaSeconds: 42 }), '12,810 / 15,537 rows · 9,120 rows/s · ETA 42 s');
  assert.equal(fmtProgress({ done: 1, total: 4, rate: 0, etaSeconds: null, unit: 'steps' }), 'step 2 of 4');
  assert.equal(fmtProgress({ done: 0, total: 1, rate: 0, etaSeconds: null, unit: 'steps' }), 'computing');
  assert.equal(fmtProgress({ done: 4, total: 4, rate: 0, etaSeconds: 0, unit: 'steps' }), 'done');
  assert.equal(fmtDuration(0.3), '<1 s');
  assert.equal(fmtDuration(42.4), '42 s');
  assert.equal(fmtDuration(185), '3 min 05 s');
  assert.equal(fmtDuration(3720), '1 h 02 min');
  assert.equal(fmtDuration(null), '—');
  assert.equal(fmtBytes(999), '999 B');
  assert.equal(fmtBytes(50396), '50.4 kB');
  assert.equal(fmtBytes(1.2e9), '1.20 GB');
  assert.equal(fmtUnit(540, 'µs'), '540.0 µs');
  assert.equal(fmtUnit(null, 'µs'), '—');
  assert.equal(shortSha('3f9a1c27e4b05d8e6a7f'), '3f9a1c27e4b0');
  assert.equal(fmtPercent(1 / 6), '16.67 %');
});
