import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

/** Absolute path of a file in fixtures/models/unit/. */
export function unit(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/models/unit/${name}`, import.meta.url));
}

/** Absolute path of a file in fixtures/models/. */
export function fixture(rel: string): string {
  return fileURLToPath(new URL(`../../../fixtures/models/${rel}`, import.meta.url));
}

/** fixtures/models/unit/expected.json: inputs and numpy-computed outputs per unit model. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const expected: Record<string, any> = JSON.parse(readFileSync(unit('expected.json'), 'utf8'));

/** Asserts two numeric sequences agree element-wise within an absolute tolerance. */
export function assertClose(actual: ArrayLike<number>, want: ArrayLike<number>, tol: number, what = 'values'): void {
  assert.equal(actual.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(actual[i] - want[i]) <= tol, `${what}[${i}]: got ${actual[i]}, want ${want[i]} (tol ${tol})`);
  }
}

/** Row-major Float32Array from nested rows. */
export function f32(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}
