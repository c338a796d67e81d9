import { api } from '../api/client.js';

/** Shapes of /api/v1/registry/* (see /openapi.json). */
export const vettingMethodLabels = {
  accreditation_register: 'Found on an accreditation register',
  company_register: 'Found on a company register',
  government_record: 'Confirmed in a government record',
  official_website: 'Confirmed on its official website',
  documents: 'Documents examined',
  other: 'Other check (see notes)',
} as const;
export type VettingMethod = keyof typeof vettingMethodLabels;

export interface ApprovalView {
  id: string;
  method: VettingMethod;
  evidenceUrl: string | null;
  notes: string;
  approvedBy: string | null;
  approvedAt: string;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export interface RegistryIssuerView {
  organisation: { slug: string; name: string; kind: string; url: string | null };
  approval: ApprovalView | null;
  history: ApprovalView[];
}

export interface RegistrySourceView {
  id: string;
  url: string;
  publisherDid: string | null;
  issuers: Array<{ ids: string[]; name: string }>;
  fetchedAt: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
}

export const REGISTRY_LIST_PATH = '/registry/trusted-issuers';

export const registryApi = {
  issuers: async () => (await api.get<{ items: RegistryIssuerView[] }>('/api/v1/registry/issuers')).items,
  approve: (slug: string, body: { method: VettingMethod; evidenceUrl?: string; notes: string }) => api.post<ApprovalView>(`/api/v1/registry/issuers/${encodeURIComponent(slug)}/approval`, body),
  withdraw: (slug: string, reason: string) => api.post<ApprovalView>(`/api/v1/registry/issuers/${encodeURIComponent(slug)}/withdrawal`, { reason }),
  sources: async () => (await api.get<{ items: RegistrySourceView[] }>('/api/v1/registry/sources')).items,
  addSource: (url: string) => api.post<RegistrySourceView>('/api/v1/registry/sources', { url }),
  refreshSource: (id: string) => api.post<RegistrySourceView>(`/api/v1/registry/sources/${id}/refresh`),
  removeSource: (id: string) => api.delete(`/api/v1/registry/sources/${id}`),
};
