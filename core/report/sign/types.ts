/** What a subject stands for: a file of the report folder, or an artefact recorded in report.json. */
export type SubjectKind = 'report' | 'model' | 'dataset';

/** An in-toto v1 ResourceDescriptor as we write it. */
export interface Subject {
  name: string;
  digest: { sha256: string };
  /** kind, and for models/datasets the path recorded in report.json (and model role). */
  annotations?: { kind?: SubjectKind; path?: string; role?: string };
}

/** The predicate of our in-toto Statement. */
export interface ValidationPredicate {
  reportId: string | null;
  verdict: 'pass' | 'fail' | 'not_evaluable' | null;
  criteria: {
    total: number;
    pass: number;
    fail: number;
    not_evaluable: number;
    results: { rule: string; status: string; observed?: number | null; bound?: number | null }[];
  };
  /** Version of the tool that produced the report, as report.json records it. */
  toolVersion: string | null;
  /** The tool that created this statement. */
  signingTool: { name: 'shadowbench'; version: string };
}

/** in-toto Statement v1. */
export interface Statement {
  _type: string;
  subject: Subject[];
  predicateType: string;
  predicate: ValidationPredicate;
}

/** The 21 CFR 11.50 sign-off record of one signer, signed separately by the same key. */
export interface Signoff {
  /** Printed name of the signer. */
  name: string;
  role: string;
  /** Meaning of the signature, e.g. "validated", "approved". */
  meaning: string;
  /** UTC, ISO 8601 (e.g. 2025-03-01T09:30:00Z). */
  time: string;
  /** Lowercase hex SHA-256 of the decoded payload (the statement bytes). */
  statementSha256: string;
}

/** One entry of the envelope's `signatures`. */
export interface EnvelopeSignature {
  /** Lowercase hex SHA-256 of the signer's SubjectPublicKeyInfo DER. */
  keyid: string;
  /** base64 signature over PAE(payloadType, payload). */
  sig: string;
  signoff: Signoff;
  /** base64 signature over PAE(SIGNOFF_TYPE, canonicalJson(signoff)). */
  signoffSig: string;
}

/** The DSSE envelope stored as report.dsse.json. */
export interface Envelope {
  payloadType: string;
  /** base64 of the statement JSON bytes. */
  payload: string;
  signatures: EnvelopeSignature[];
}
