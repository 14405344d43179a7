import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { REPORT_FILES } from './constants.js';
import { sha256File } from './fileDigest.js';
import type { Subject, SubjectKind } from './types.js';

/** The check of one subject. `checked` is false when a model/dataset file was not found (not a failure). */
export interface SubjectCheck {
  name: string;
  kind: SubjectKind;
  sha256: string;
  ok: boolean;
  checked: boolean;
  /** The file that was hashed. */
  path?: string;
  reason?: string;
}

/** Where to look for models and datasets. */
export interface SubjectLookup {
  /** Folder holding the artefacts by name (artefactsDir/<name>). */
  artefactsDir?: string;
  /** Base for relative recorded paths, besides the report folder (default process.cwd()). */
  cwd?: string;
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

function candidates(dir: string, s: Subject, look: SubjectLookup): string[] {
  const out: string[] = [];
  const rec = s.annotations?.path;
  if (rec) {
    if (isAbsolute(rec)) out.push(rec);
    else out.push(join(dir, rec), resolve(look.cwd ?? process.cwd(), rec));
  }
  if (look.artefactsDir) {
    out.push(join(look.artefactsDir, basename(s.name)));
    if (rec) out.push(join(look.artefactsDir, basename(rec)));
  }
  return out;
}

/**
 * Re-hashes every subject. Report files must be present in the folder; models and datasets are
 * checked when their recorded path or artefactsDir/<name> exists. Report files in the folder that
 * the statement does not cover are failures too (something was added after signing).
 */
export async function checkSubjects(dir: string, subjects: Subject[], look: SubjectLookup = {}): Promise<{ subjects: SubjectCheck[]; errors: string[] }> {
  const checks: SubjectCheck[] = [];
  const errors: string[] = [];
  for (const s of subjects) {
    const name = String(s?.name ?? '');
    const want = String(s?.digest?.sha256 ?? '').toLowerCase();
    const kind: SubjectKind = s?.annotations?.kind ?? ((REPORT_FILES as readonly string[]).includes(name) ? 'report' : 'model');
    const c: SubjectCheck = { name, kind, sha256: want, ok: false, checked: false };
    checks.push(c);
    let path: string | undefined;
    if (kind === 'report') {
      if (!(REPORT_FILES as readonly string[]).includes(name)) {
        c.reason = `"${name}" is not a report file name`;
      } else if (!isFile(join(dir, name))) {
        c.reason = `${name} is missing from the report folder`;
      } else path = join(dir, name);
    } else {
      path = candidates(dir, s, look).find(isFile);
      if (!path) {
        c.ok = true;
        c.reason = `not checked: ${kind} file not found${s.annotations?.path ? ` at ${s.annotations.path}` : ''}${look.artefactsDir ? ` nor in ${look.artefactsDir}` : ' (pass --artefacts DIR to check it)'}`;
        continue;
      }
    }
    if (path) {
      c.path = path;
      c.checked = true;
      const got = await sha256File(path);
      if (got === want) c.ok = true;
      else c.reason = `${kind === 'report' ? name : `${kind} ${name} (${path})`} changed after signing: SHA-256 is ${got}, the signed statement says ${want}`;
    }
    if (!c.ok) errors.push(c.reason!);
  }
  const covered = new Set(checks.filter((c) => c.kind === 'report').map((c) => c.name));
  for (const f of REPORT_FILES) {
    if (!covered.has(f) && isFile(join(dir, f))) {
      errors.push(`${f} is in the report folder but not covered by the signed statement (added after signing?)`);
      checks.push({ name: f, kind: 'report', sha256: '', ok: false, checked: false, path: join(dir, f), reason: 'not covered by the signatures' });
    }
  }
  return { subjects: checks, errors };
}
