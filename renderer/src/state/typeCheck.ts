/** Inline type checks of the Mapping screen: does a column (or columns) fit a model input? */
import type { ColumnInfo, InputSource, TensorInfo } from '../../../core/contract/index.js';

const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/i;
const INTEGER = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/i;
const BOOL = /^BOOL/i;
const STRING = /^(VARCHAR|TEXT|STRING|CHAR|ENUM)/i;

export interface TypeCheck {
  ok: boolean;
  message: string;
}

function fits(tensor: TensorInfo, col: ColumnInfo): string | null {
  const t = tensor.type;
  if (t === 'string') return STRING.test(col.type) || INTEGER.test(col.type) || BOOL.test(col.type) ? null : `${col.type} column for a string input`;
  if (t === 'bool') return BOOL.test(col.type) || INTEGER.test(col.type) ? null : `${col.type} column for a bool input`;
  if (t.startsWith('int') || t.startsWith('uint')) {
    if (INTEGER.test(col.type) || BOOL.test(col.type)) return null;
    return NUMERIC.test(col.type) ? `${col.type} values would be truncated to ${t}` : `${col.type} column for an ${t} input`;
  }
  if (t.startsWith('float')) return NUMERIC.test(col.type) || BOOL.test(col.type) ? null : `${col.type} column for a ${t} input`;
  return null;
}

/** Width of the last dimension of a 2-D input, when fixed. */
export function inputWidth(tensor: TensorInfo): number | null {
  if (tensor.shape.length !== 2) return null;
  const w = tensor.shape[1];
  return typeof w === 'number' ? w : null;
}

/** Checks a source against an input: columns exist, types fit, a 2-D input gets as many columns as its width. */
export function checkInput(tensor: TensorInfo, source: InputSource | undefined, columns: ColumnInfo[]): TypeCheck {
  const names = source === undefined ? [] : Array.isArray(source) ? source : [source];
  if (names.length === 0 || names.every((n) => n === '')) return { ok: false, message: 'not mapped' };
  const problems: string[] = [];
  for (const n of names) {
    const col = columns.find((c) => c.name === n);
    if (!col) {
      problems.push(`no column "${n}"`);
      continue;
    }
    const p = fits(tensor, col);
    if (p) problems.push(`${n}: ${p}`);
  }
  const width = inputWidth(tensor);
  if (width !== null && width > 1 && names.length !== width) problems.push(`${names.length} column(s) for width ${width}`);
  if (problems.length) return { ok: false, message: problems.join('; ') };
  const types = [...new Set(names.map((n) => columns.find((c) => c.name === n)!.type))].join('/');
  return { ok: true, message: `${tensor.type} ← ${types}` };
}
