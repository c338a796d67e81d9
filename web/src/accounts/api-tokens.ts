import { api } from '../api/client.js';

/** A person's API token as listed; the secret itself is only ever in {@link CreatedApiToken}. */
export interface ApiTokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** The first characters of the secret, enough to recognise a token in logs and config files. */
  prefix: string;
}

export interface TokenScope {
  scope: string;
  description: string;
}

export interface CreatedApiToken {
  /** The secret, shown once: the server keeps only its hash. */
  token: string;
  item: ApiTokenView;
}

export interface NewApiToken {
  name: string;
  scopes: string[];
  expiresInDays?: number;
}

export async function listApiTokens(): Promise<ApiTokenView[]> {
  return (await api.get<{ items: ApiTokenView[] }>('/api/v1/me/tokens')).items;
}

export async function listTokenScopes(): Promise<TokenScope[]> {
  return (await api.get<{ items: TokenScope[] }>('/api/v1/me/token-scopes')).items;
}

export function createApiToken(request: NewApiToken): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>('/api/v1/me/tokens', request);
}

export function revokeApiToken(id: string): Promise<void> {
  return api.delete(`/api/v1/me/tokens/${encodeURIComponent(id)}`);
}

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export function apiTokenStatus(token: ApiTokenView, now: Date): ApiTokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= now) return 'expired';
  return 'active';
}
