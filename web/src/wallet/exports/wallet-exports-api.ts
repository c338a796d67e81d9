import { api } from '../../api/client.js';

/** Calls of src/api/routes/wallet-exports.routes.ts. */
export type CredentialFileFormat = 'json' | 'png' | 'svg';

/** A GET link the browser downloads with the session cookie (the server sets Content-Disposition: attachment). */
export const credentialFileUrl = (id: string, format: CredentialFileFormat): string => `/api/v1/me/credentials/${encodeURIComponent(id)}/export/${format}`;
export const everythingExportUrl = '/api/v1/me/export.zip';

export interface TranscriptView {
  id: string;
  /** Where the signed CLR is published. */
  url: string;
  /** The verify page for it: what the PDF's QR code encodes. */
  verifyUrl: string;
  pdfUrl: string;
  credential: Record<string, unknown>;
}

export const createTranscript = (credentialIds: string[], name?: string): Promise<TranscriptView> =>
  api.post<TranscriptView>('/api/v1/me/transcripts', { credentialIds, ...(name ? { name } : {}) });

export interface HolderDidView {
  did: string;
  method: 'key' | 'web';
  managed: boolean;
  /** False for a DID brought before proofs were asked for: not used until proved. */
  proved: boolean;
  createdAt: string;
}

/** What to sign, with the DID's key, to prove it is yours. */
export interface HolderDidChallenge {
  did: string;
  challenge: string;
  domain: string;
  expiresAt: string;
}

export const getHolderDid = async (): Promise<HolderDidView | null> => (await api.get<{ holderDid: HolderDidView | null }>('/api/v1/me/holder-did')).holderDid;
export const setHolderDid = (body: { did: string; presentation: Record<string, unknown> } | { generate: true }): Promise<HolderDidView> => api.put<HolderDidView>('/api/v1/me/holder-did', body);
export const requestHolderChallenge = (did: string): Promise<HolderDidChallenge> => api.post<HolderDidChallenge>('/api/v1/me/holder-did/challenge', { did });
export const removeHolderDid = (): Promise<void> => api.delete('/api/v1/me/holder-did');
export const deleteAccount = (confirmEmail: string): Promise<{ deletedAt: string; evidenceFiles: number }> => api.post('/api/v1/me/delete-account', { confirmEmail });
