import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { OpenBadgeCredentialInput } from './credential-input.schema.js';

/**
 * A realistic OB 3.0 input (ESCO alignment, result, evidence) and a deterministic did:key issuer, shared by
 * this capability's tests and the credentials benchmark. Not used by the product.
 */
export const SAMPLE_OPEN_BADGE_INPUT = (issuerDid: string): OpenBadgeCredentialInput => ({
  id: 'urn:uuid:2f1e7a52-4b8c-4a0e-9d61-0b7d5c3e8a11',
  issuer: { id: issuerDid, name: 'Northbridge College of Technology', url: 'https://northbridge.example', email: 'credentials@northbridge.example' },
  learner: { email: 'ana.garcía@example.org', salt: 'c8f1b2d4e6a7' },
  achievement: {
    id: 'https://northbridge.example/achievements/data-analysis-python/v2',
    name: 'Data Analysis with Python — Micro-credential',
    description: 'Cleans, explores and visualises tabular data with pandas and matplotlib; communicates findings to non-specialists.',
    criteriaNarrative: 'Passed a 3-hour practical assessment and submitted a reviewed project report (≥ 60%).',
    achievementType: 'MicroCredential',
    tag: ['data analysis', 'python'],
    alignment: [
      { targetName: 'Python (computer programming)', targetUrl: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d', targetCode: 'ccd0a1d9-afda-43d9-b901-96344886e14d' },
      { targetName: 'perform data analysis', targetUrl: 'http://data.europa.eu/esco/skill/5898d99a-62a6-4cef-a2ef-5e4b2dcef3a1' },
    ],
    resultDescription: [
      { id: 'https://northbridge.example/achievements/data-analysis-python/v2/results/grade', name: 'Final grade', resultType: 'Percent', requiredValue: '60' },
    ],
  },
  result: [{ resultDescription: 'https://northbridge.example/achievements/data-analysis-python/v2/results/grade', value: '78' }],
  evidence: [{ id: 'https://northbridge.example/evidence/7d3c', name: 'Project report', narrative: 'Analysed 2023 café sales data; report reviewed by two assessors.', genre: 'Project' }],
  validFrom: '2025-03-01T09:00:00Z',
  validUntil: '2030-03-01T09:00:00Z',
});

/** A did:key issuer from a fixed seed: the same key on every run. */
export const sampleIssuerKey = async (seedByte = 7) => {
  const seed = new Uint8Array(32).fill(seedByte);
  const key = await Ed25519Multikey.generate({ seed });
  const did = `did:key:${key.publicKeyMultibase}`;
  const withId = await Ed25519Multikey.from({ ...(await key.export({ publicKey: true, secretKey: true })), id: `${did}#${key.publicKeyMultibase}`, controller: did });
  return { key: withId, did, signer: withId.signer() };
};
