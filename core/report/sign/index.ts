/** Report signing: keys, DSSE/in-toto envelope, sign/countersign, verify. See FORMAT.md. */
export * from './constants.js';
export * from './types.js';
export { pae } from './pae.js';
export { canonicalJson } from './canonicalJson.js';
export { keygen, type KeygenOptions, type KeygenResult } from './keygen.js';
export { keyidOf, loadPrivateKey, loadPublicKey, type KeyAlgorithm } from './keys.js';
export { buildStatement } from './statement.js';
export { readEnvelope, envelopePath } from './envelope.js';
export { signReport, type SignOptions, type SignResult } from './signReport.js';
export { verifyReport, type VerifyOptions, type VerifyReport, type SignatureCheck } from './verifyReport.js';
export type { SubjectCheck } from './checkSubjects.js';
