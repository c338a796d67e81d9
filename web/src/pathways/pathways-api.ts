import { api } from '../api/client.js';

/** One node of a learner's progress (see src/pathways/pathway-rules.ts on the server). */
export type ProgressNode =
  | { kind: 'achievement'; id: string; title: string; met: boolean; metBy: { credentialId: string; equivalent: boolean; issuedAt: string } | null; credits: number; waitingFor: string[] }
  | { kind: 'allOf' | 'nOf' | 'minCredits'; title: string | null; met: boolean; done: number; needed: number; remaining: string[]; summary: string; children: ProgressNode[] };

export interface PathwayStanding {
  pathway: { id: string; slug: string; title: string; achievementType: string; organisation: { slug: string; name: string }; version: number; documentUrl: string };
  satisfied: boolean;
  done: number;
  needed: number;
  summary: string;
  progress: ProgressNode;
  award: { awardedAt: string; credentialId: string; version: number } | null;
}

export interface PathwayView {
  id: string;
  slug: string;
  organisation: { slug: string; name: string };
  version: number;
  status: 'draft' | 'published' | 'retired';
  title: string;
  description: string;
  achievementType: string;
  rules: Record<string, unknown>;
  publishedVersion: number | null;
  documentUrl: string | null;
}

export interface PathwayOption {
  achievementId: string | null;
  achievementUrl: string | null;
  title: string;
  credits: number | null;
  organisation: string;
}

export const PATHWAY_TYPES = ['Certificate', 'ApprenticeshipCertificate', 'Diploma', 'Certification', 'LearningProgram', 'AssociateDegree', 'Award'] as const;

/** The requirements (leaves) of a progress tree, depth first. */
export const requirementsOf = (node: ProgressNode): Array<Extract<ProgressNode, { kind: 'achievement' }>> =>
  node.kind === 'achievement' ? [node] : node.children.flatMap(requirementsOf);

export const pathwaysApi = {
  mine: async (): Promise<PathwayStanding[]> => (await api.get<{ items: PathwayStanding[] }>('/api/v1/me/pathways')).items,
  transcript: (id: string) => api.get<{ credential: Record<string, unknown>; transcript: Record<string, unknown>; awardedAt: string }>(`/api/v1/me/pathways/${id}/transcript`),
  list: async (slug: string): Promise<PathwayView[]> => (await api.get<{ items: PathwayView[] }>(`/api/v1/organisations/${slug}/pathways`)).items,
  options: (slug: string) => api.get<{ own: PathwayOption[]; elsewhere: PathwayOption[] }>(`/api/v1/organisations/${slug}/pathway-options`),
  create: (slug: string, body: unknown) => api.post<PathwayView>(`/api/v1/organisations/${slug}/pathways`, body),
  publish: (id: string) => api.post<PathwayView>(`/api/v1/pathways/${id}/publish`),
};
