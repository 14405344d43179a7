/** File name of the signature envelope inside a report folder. */
export const ENVELOPE_FILE = 'report.dsse.json';
/** DSSE payloadType of the envelope: an in-toto Statement. */
export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** PAE type under which each signer's sign-off record is signed. */
export const SIGNOFF_TYPE = 'application/vnd.shadowbench.signoff+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://shadowbench.dev/validation-report/v1';
/** Report files that become subjects when present; report.json is required. */
export const REPORT_FILES = ['report.json', 'report.html', 'report.pdf'] as const;
