import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { PREDICATE_TYPE, REPORT_FILES, STATEMENT_TYPE } from './constants.js';
import { sha256File } from './fileDigest.js';
import type { Statement, Subject, ValidationPredicate } from './types.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const HEX64 = /^[0-9a-f]{64}$/;

/** Reads and parses REPORT_DIR/report.json, or a clear error naming it. */
export function readReportJson(dir: string): Json {
  const file = join(dir, 'report.json');
  if (!existsSync(file)) {
    throw new WorkbenchError('FILE_NOT_FOUND', `${file} not found: sign a report folder written by \`shadowbench report\` (it must hold report.json).`, { file });
  }
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isObj(v)) throw new Error('not a JSON object');
    return v;
  } catch (e) {
    throw new WorkbenchError('FILE_UNREADABLE', `${file} is not valid JSON (${(e as Error).message}); re-export the report.`, { file });
  }
}

/** Subjects for models and datasets recorded in report.json `artefacts` (digest as recorded). */
export function artefactSubjects(report: Json): Subject[] {
  const artefacts = isObj(report.artefacts) ? report.artefacts : {};
  const out: Subject[] = [];
  const used = new Set<string>(REPORT_FILES);
  const add = (kind: 'model' | 'dataset', entry: unknown, i: number) => {
    if (!isObj(entry)) return;
    const path = str(entry.path);
    const role = str(entry.role);
    const base = str(entry.name) ?? (path ? basename(path) : null);
    const where = `report.json artefacts.${kind}s[${i}]`;
    if (!base) throw new WorkbenchError('BAD_ARGUMENT', `${where} has neither a name nor a path; re-export the report.`, { entry: where });
    const sha = str(entry.sha256)?.toLowerCase();
    if (!sha || !HEX64.test(sha)) {
      throw new WorkbenchError('BAD_ARGUMENT', `${where} ("${base}") has no valid sha256; the report cannot be signed until it records the artefact's digest.`, { entry: where });
    }
    let name = base;
    if (used.has(name)) name = `${role ?? kind}/${base}`;
    for (let n = 2; used.has(name); n++) name = `${role ?? kind}-${n}/${base}`;
    used.add(name);
    const annotations: Subject['annotations'] = { kind, ...(path ? { path } : {}), ...(role ? { role } : {}) };
    out.push({ name, digest: { sha256: sha }, annotations });
  };
  const models = Array.isArray(artefacts.models) ? artefacts.models : [];
  const datasets = Array.isArray(artefacts.datasets) ? artefacts.datasets : [];
  models.forEach((m, i) => add('model', m, i));
  datasets.forEach((d, i) => add('dataset', d, i));
  return out;
}

/** The predicate: verdict, criteria summary, report id, tool versions. */
export function buildPredicate(report: Json, signingToolVersion: string): ValidationPredicate {
  const v = report.verdict;
  const verdict = v === 'pass' || v === 'fail' || v === 'not_evaluable' ? v : null;
  const c = report.criteria;
  const list: unknown[] = Array.isArray(c) ? c : isObj(c) && Array.isArray(c.results) ? c.results : [];
  const results = list.filter(isObj).map((r) => ({
    rule: str(r.rule) ?? str(r.id) ?? '(unnamed rule)',
    status: str(r.status) ?? 'unknown',
    observed: num(r.observed),
    bound: num(r.bound),
  }));
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const tool = isObj(report.tool) ? report.tool : {};
  return {
    reportId: str(report.id) ?? str(report.reportId),
    verdict,
    criteria: { total: results.length, pass: count('pass'), fail: count('fail'), not_evaluable: count('not_evaluable'), results },
    toolVersion: str(report.toolVersion) ?? str(tool.version),
    signingTool: { name: 'shadowbench', version: signingToolVersion },
  };
}

/** Builds the in-toto Statement for a report folder: report files present, then models, then datasets. */
export async function buildStatement(dir: string, signingToolVersion: string): Promise<Statement> {
  const report = readReportJson(dir);
  const subject: Subject[] = [];
  for (const f of REPORT_FILES) {
    const p = join(dir, f);
    if (existsSync(p)) subject.push({ name: f, digest: { sha256: await sha256File(p) }, annotations: { kind: 'report' } });
  }
  subject.push(...artefactSubjects(report));
  return { _type: STATEMENT_TYPE, subject, predicateType: PREDICATE_TYPE, predicate: buildPredicate(report, signingToolVersion) };
}
