import { api } from '../api/client.js';
import type { HolderMatch, Standing, VerificationCheckView } from '../wallet/wallet-api.js';

/** GET /api/v1/me/shares item (share.routes.ts). */
export interface ShareView {
  id: string;
  title: string | null;
  state: 'active' | 'expired' | 'revoked';
  expiresAt: string | null;
  revokedAt: string | null;
  viewCount: number;
  lastViewedAt: string | null;
  createdAt: string;
  items: Array<{ credentialId: string; shownEvidence: number[] }>;
}

/** GET /api/v1/shares/{token}: what anyone with the link sees. */
export interface PublicShareView {
  title: string | null;
  holder: string | null;
  createdAt: string;
  expiresAt: string | null;
  url: string;
  qrCode: string;
  credentials: SharedCredentialView[];
}

export interface SharedCredentialView {
  id: string;
  title: string;
  achievement: { id: string | null; name: string | null; description: string | null; image: string | null } | null;
  issuer: { id: string | null; name: string | null; url: string | null; description: string | null; email: string | null };
  issuedAt: string;
  validUntil: string | null;
  status: Standing;
  skills: Array<{ name: string; url: string | null; framework: string | null }>;
  evidence: Array<{ id: string | null; name: string | null; narrative: string | null }>;
  endorsements: Array<{ id: string | null; name: string | null; comment: string | null; issuedAt: string | null }>;
  verification: { verified: boolean; checkedAt: string; checks: VerificationCheckView[] };
  credential: Record<string, unknown> | null;
  jwt: string | null;
  image: string | null;
  linkedIn: string;
  holderMatch: HolderMatch;
}

export interface NewShare {
  title?: string;
  expiresAt?: string;
  items: Array<{ credentialId: string; evidence?: number[] }>;
}

export const listMyShares = async (): Promise<ShareView[]> => (await api.get<{ items: ShareView[] }>('/api/v1/me/shares')).items;

export const createShare = (share: NewShare): Promise<{ share: ShareView; url: string }> => api.post('/api/v1/me/shares', share);

export const revokeShare = (id: string): Promise<ShareView> => api.post(`/api/v1/me/shares/${encodeURIComponent(id)}/revoke`);

export const openShare = (token: string): Promise<PublicShareView> => api.get(`/api/v1/shares/${encodeURIComponent(token)}`);

export const shareStateLabels: Record<ShareView['state'], string> = { active: 'Shared', expired: 'Expired', revoked: 'No longer shared' };
