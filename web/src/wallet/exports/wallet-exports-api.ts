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
  createdAt: string;
}

export const getHolderDid = async (): Promise<HolderDidView | null> => (await api.get<{ holderDid: HolderDidView | null }>('/api/v1/me/holder-did')).holderDid;
export const setHolderDid = (body: { did: string } | { generate: true }): Promise<HolderDidView> => api.put<HolderDidView>('/api/v1/me/holder-did', body);
export const removeHolderDid = (): Promise<void> => api.delete('/api/v1/me/holder-did');
export const deleteAccount = (confirmEmail: string): Promise<{ deletedAt: string; evidenceFiles: number }> => api.post('/api/v1/me/delete-account', { confirmEmail });
