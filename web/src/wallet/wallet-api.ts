import { api } from '../api/client.js';

export type Standing = 'valid' | 'expired' | 'revoked' | 'suspended';

/** GET /api/v1/me/credentials item (wallet.routes.ts). */
export interface CredentialCardView {
  id: string;
  kind: string;
  title: string;
  issuer: { id: string | null; name: string | null };
  achievement: { id: string | null; name: string | null; description: string | null; image: string | null } | null;
  achievementId: string | null;
  issuedAt: string;
  validUntil: string | null;
  status: Standing;
  statusReason: string | null;
  statusChangedAt: string | null;
  skills: Array<{ name: string; url: string | null; framework: string | null }>;
  evidence: Array<{ id: string | null; name: string | null; narrative: string | null }>;
  credential: Record<string, unknown>;
  jwt: string | null;
  origin: 'issued' | 'imported';
  hidden: boolean;
  /** Imported credentials: the verification made at import. */
  verification: { verified: boolean; checkedAt: string; checks: VerificationCheckView[] } | null;
  /** A picture to show in an `<img>` only (never inline, so an SVG's scripts cannot run). */
  image: string | null;
  source: 'file' | 'image' | 'url' | 'paste' | null;
  holderMatch: HolderMatch;
}

/** Whether a credential names the person holding it (src/wallet/holder-match.ts). */
export type HolderMatch = 'issued_here' | 'email' | 'did' | 'none';

export interface VerificationCheckView {
  id: string;
  outcome: 'pass' | 'fail' | 'warning';
  message: string;
}

export const standingLabels: Record<Standing, string> = { valid: 'Valid', expired: 'Expired', revoked: 'Revoked', suspended: 'Suspended' };

/** The badge class for a standing: the shared badge styles (components.css). */
export const standingBadge = (standing: Standing): string =>
  `badge ${standing === 'valid' ? 'badge-active' : standing === 'expired' || standing === 'suspended' ? 'badge-expired' : 'badge-revoked'}`;

export const listMyCredentials = async (): Promise<CredentialCardView[]> => (await api.get<{ items: CredentialCardView[] }>('/api/v1/me/credentials')).items;

export const getMyCredential = (id: string): Promise<CredentialCardView> => api.get<CredentialCardView>(`/api/v1/me/credentials/${encodeURIComponent(id)}`);

/** What a holder downloads: the compact VC-JWT when issued as one, else the signed JSON-LD document. */
export function credentialDownload(card: CredentialCardView): { fileName: string; type: string; content: string } {
  const base = card.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || 'credential';
  return card.jwt
    ? { fileName: `${base}.jwt`, type: 'application/vc+jwt', content: card.jwt }
    : { fileName: `${base}.json`, type: 'application/vc+ld+json', content: `${JSON.stringify(card.credential, null, 2)}\n` };
}

/** Import a JSON, VC-JWT or baked PNG/SVG file; the server verifies it first. */
export function importCredentialFile(file: File): Promise<CredentialCardView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.postForm<CredentialCardView>('/api/v1/me/credentials/import/file', form);
}

/** Import pasted JSON or a VC-JWT, or the credential published at a URL. */
export const importCredential = (body: { credential: unknown } | { url: string }): Promise<CredentialCardView> =>
  api.post<CredentialCardView>('/api/v1/me/credentials/import', body);

/** Removes an imported credential (those issued here can only be hidden). */
export const removeImportedCredential = (id: string): Promise<void> => api.delete(`/api/v1/me/credentials/${encodeURIComponent(id)}`);

export const setCredentialHidden = (id: string, hidden: boolean): Promise<CredentialCardView> =>
  api.put<CredentialCardView>(`/api/v1/me/credentials/${encodeURIComponent(id)}/hidden`, { hidden });
