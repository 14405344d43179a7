/**
 * DSSE Pre-Authentication Encoding:
 * "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths as ASCII decimal byte counts.
 */
export function pae(type: string, body: Uint8Array): Buffer {
  const t = Buffer.from(type, 'utf8');
  const head = Buffer.from(`DSSEv1 ${t.length} ${type} ${body.length} `, 'utf8');
  return Buffer.concat([head, body]);
}
