import { createPublicKey } from 'node:crypto';
import type { CriteriaResult, ExportReportArgs, ReportExport, SignArgs, VerifyResult } from '../contract/api.js';
import { WorkbenchError } from '../contract/index.js';
import { loadCriteria } from '../checks/index.js';
import { applyCriteria, renderHtml, writeReportFiles, type ReportModel } from '../report/index.js';
import { loadPrivateKey, signReport, verifyReport } from '../report/sign/index.js';
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
  return verifyReport(args.dir, { publicKeys: [], publicKeyObjects: [pub] });
}

export async function verifyFolder(dir: string, keys: string[]): Promise<VerifyResult> {
  if (!keys?.length) throw new WorkbenchError('BAD_ARGUMENT', 'Give the public key file (.public.pem) of every signer to verify against.');
  return verifyReport(dir, { publicKeys: keys });
}
