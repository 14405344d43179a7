import { createPublicKey } from 'node:crypto';
import type { CriteriaResult, ExportReportArgs, ReportExport, SignArgs, VerifyResult } from '../contract/api.js';
import { WorkbenchError } from '../contract/index.js';
import { loadCriteria } from '../checks/index.js';
import { applyCriteria, renderHtml, writeReportFiles, type ReportModel } from '../report/index.js';
import { keyidOf, loadPrivateKey, signReport, verifyReport } from '../report/sign/index.js';
import { sha256File } from '../data/fileFacts.js';

/** Evaluates a criteria file against a stored report's metrics. */
export async function reportWithCriteria(report: ReportModel, criteriaPath?: string): Promise<ReportModel> {
  if (!criteriaPath) return report;
  const criteria = await loadCriteria(criteriaPath);
  return applyCriteria(report, criteria, { path: criteriaPath, sha256: await sha256File(criteriaPath) });
}

export async function criteriaResults(report: ReportModel, criteriaPath: string): Promise<CriteriaResult[]> {
  return (await reportWithCriteria(report, criteriaPath)).criteria;
}

/** Writes the report files; a missing PDF engine drops the PDF and says so through `warn`. */
export async function exportReportFiles(report: ReportModel, args: ExportReportArgs, warn: (m: string) => void): Promise<ReportExport> {
  const formats = args.formats?.length ? args.formats : (['json', 'html', 'pdf'] as const);
  const full = await reportWithCriteria(report, args.criteriaPath);
  try {
    return { dir: args.dir, files: await writeReportFiles(args.dir, full, { formats: [...formats] }) };
  } catch (e) {
    if (!(WorkbenchError.is(e) && e.code === 'UNAVAILABLE' && formats.includes('pdf'))) throw e;
    warn(e.message);
    return { dir: args.dir, files: await writeReportFiles(args.dir, full, { formats: formats.filter((f) => f !== 'pdf') }) };
  }
}

export function previewHtml(report: ReportModel): { html: string } {
  return { html: renderHtml(report, { interactive: false }) };
}

/** Signs (or countersigns) a report folder and returns the verification with the signer's own key. */
export async function signAndVerify(args: SignArgs): Promise<VerifyResult> {
  await signReport(args.dir, { keyPath: args.keyPath, passphrase: args.passphrase, signer: args.signer, role: args.role, meaning: args.meaning });
  const pub = createPublicKey(loadPrivateKey(args.keyPath, args.passphrase));
  const keyid = keyidOf(pub);
  const r = await verifyReport(args.dir, { publicKeys: [], publicKeyObjects: [pub] });
  // Earlier signers' keys are not known here: their signatures are listed as not checked, not as failures.
  const others = new Set(r.signatures.filter((x) => x.keyid !== keyid).map((x) => x.keyid));
  const signatures = r.signatures.map((x) => (others.has(x.keyid) && !x.ok ? { ...x, reason: `${NOT_CHECKED}: verify the folder with this signer's public key` } : x));
  const errors = r.errors.filter((e) => ![...others].some((k) => e.includes(k)));
  const mine = signatures.filter((x) => x.keyid === keyid);
  return { ...r, signatures, errors, ok: errors.length === 0 && mine.length > 0 && mine.every((x) => x.ok) && r.subjects.every((x) => x.ok) };
}

/** Reason given to signatures that a signing step could not check (no key for them). */
export const NOT_CHECKED = 'not checked here';

export async function verifyFolder(dir: string, keys: string[]): Promise<VerifyResult> {
  if (!keys?.length) throw new WorkbenchError('BAD_ARGUMENT', 'Give the public key file (.public.pem) of every signer to verify against.');
  return verifyReport(dir, { publicKeys: keys });
}
