/** JSON-LD context URLs Tessera knows, named after the specification that publishes each. */
export const CONTEXT_URLS = {
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  credentialsExamplesV2: 'https://www.w3.org/ns/credentials/examples/v2',
  credentialsUndefinedTermsV2: 'https://www.w3.org/ns/credentials/undefined-terms/v2',
  bitstringStatusListV1: 'https://www.w3.org/ns/credentials/status/v1',
  /** The predecessor of Bitstring Status List, still used by deployed credentials. */
  statusList2021V1: 'https://w3id.org/vc/status-list/2021/v1',
  dataIntegrityV1: 'https://w3id.org/security/data-integrity/v1',
  dataIntegrityV2: 'https://w3id.org/security/data-integrity/v2',
  multikeyV1: 'https://w3id.org/security/multikey/v1',
  ed25519Signature2020V1: 'https://w3id.org/security/suites/ed25519-2020/v1',
  securityV1: 'https://w3id.org/security/v1',
  securityV2: 'https://w3id.org/security/v2',
  didV1: 'https://www.w3.org/ns/did/v1',
  openBadgesV3: 'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  openBadgesV3_0_1: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  openBadgesV3_0_2: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  openBadgesV3_0_3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  openBadgesExtensions: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  clrV2: 'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
  clrV2_0_1: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
} as const;

export type ContextUrl = (typeof CONTEXT_URLS)[keyof typeof CONTEXT_URLS];
