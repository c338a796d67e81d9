import { api } from '../api/client.js';
import type { BatchOutcome } from './verify-api.js';

export interface CandidateView {
  id: string;
  shareUrl: string;
  note: string;
  lastOutcome: BatchOutcome | null;
  lastDetail: string | null;
  credentials: Array<{ achievement: string | null; issuer: string | null; outcome: string }>;
  lastVerifiedAt: string | null;
  createdAt: string;
}

const base = (slug: string) => `/api/v1/organisations/${encodeURIComponent(slug)}/candidates`;

export const candidatesApi = {
  list: async (slug: string) => (await api.get<{ items: CandidateView[] }>(base(slug))).items,
  save: (slug: string, body: { shareUrl: string; note: string }) => api.post<CandidateView>(base(slug), body),
  verify: (slug: string, id: string) => api.post<CandidateView>(`${base(slug)}/${id}/verify`),
  remove: (slug: string, id: string) => api.delete(`${base(slug)}/${id}`),
};
