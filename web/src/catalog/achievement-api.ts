import { api } from '../api/client.js';

// The micro-credential authoring API as the editor uses it; shapes follow /openapi.json
// (src/api/routes/catalog.routes.ts, src/catalog/achievement.schema.ts).

export type OutcomeKind = 'knowledge' | 'skill' | 'attitude';
export type DeliveryMode = 'online' | 'in-person' | 'blended' | 'workplace';

export interface EscoReference {
  uri: string;
  label: string;
}

export interface Outcome {
  id: string;
  statement: string;
  kind: OutcomeKind;
  escoSkills: EscoReference[];
}

export interface Cohort {
  startsOn: string;
  capacity?: number;
}

/**
 * A micro-credential definition. The index signature keeps members this editor does not edit (a rubric,
 * say): the editor changes what it knows and sends everything else back untouched.
 */
export interface Definition {
  title: string;
  description: string;
  criteria: string;
  humanCode?: string;
  fieldOfStudy?: string;
  issuerLocation?: { country: string; region?: string };
  outcomes: Outcome[];
  assessment: { form: string; performanceBased: boolean; supervised: boolean; identityChecked: boolean };
  evidenceRequirements: string[];
  notionalHours: number;
  durationWeeks: number;
  credit: { value: number; system: 'ECTS' | 'institution' };
  eqfLevel?: number;
  oqfCategory?: string;
  noc: Array<{ code: string; title: string }>;
  cip?: { code: string; title: string };
  language: string;
  deliveryModes: DeliveryMode[];
  price: { amount: number; currency: string };
  startDates: { kind: 'on-demand' } | { kind: 'cohorts'; cohorts: Cohort[] };
  assessmentOnlyRoute: boolean;
  prerequisites?: string;
  validity?: { validForMonths: number | null; reviewBy: string };
  labourMarket: { escoOccupations: EscoReference[]; employerPartners: Array<{ name: string; consultedOn: string }> };
  stackability?: { pathways: string[]; notes?: string };
  qualityAssurance?: { assuredBy: string; method: string; assuredOn: string };
  [other: string]: unknown;
}

export type CheckStatus = 'met' | 'missing' | 'warning';

export interface ChecklistItem {
  id: string;
  group: 'framework' | 'eu';
  name: string;
  essential: boolean;
  status: CheckStatus;
  detail: string;
  whatToDo: string | null;
}

export interface Checklist {
  items: ChecklistItem[];
  publishable: boolean;
  osap: { eligible: boolean; rules: Array<{ rule: string; met: boolean }> };
}

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface Version {
  version: number;
  status: VersionStatus;
  definition: Definition;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
  documentUrl: string | null;
}

export interface AchievementView {
  id: string;
  slug: string;
  organisation: { id: string; slug: string; name: string };
  version: Version;
  checklist: Checklist;
}

export interface EscoSuggestion {
  uri: string;
  preferredLabel: string;
  matchedLabel: string;
  skillType: string | null;
  score: number;
}

export interface EscoSearchHit {
  uri: string;
  type: string;
  preferredLabel: string;
  matchedLabel: string | null;
  score: number;
}

const enc = encodeURIComponent;

export const achievementsApi = {
  list: async (organisationSlug: string): Promise<AchievementView[]> =>
    (await api.get<{ items: AchievementView[] }>(`/api/v1/organisations/${enc(organisationSlug)}/achievements`)).items,
  get: (id: string): Promise<AchievementView> => api.get<AchievementView>(`/api/v1/achievements/${enc(id)}`),
  versions: async (id: string): Promise<Version[]> => (await api.get<{ items: Version[] }>(`/api/v1/achievements/${enc(id)}/versions`)).items,
  create: (organisationSlug: string, slug: string, definition: Definition): Promise<AchievementView> =>
    api.post<AchievementView>(`/api/v1/organisations/${enc(organisationSlug)}/achievements`, { slug, definition }),
  update: (id: string, definition: Definition): Promise<AchievementView> => api.put<AchievementView>(`/api/v1/achievements/${enc(id)}`, { definition }),
  publish: (id: string): Promise<AchievementView> => api.post<AchievementView>(`/api/v1/achievements/${enc(id)}/publish`),
  newVersion: (id: string): Promise<AchievementView> => api.post<AchievementView>(`/api/v1/achievements/${enc(id)}/versions`),
  retire: (id: string): Promise<AchievementView> => api.post<AchievementView>(`/api/v1/achievements/${enc(id)}/retire`),
  previewChecklist: async (organisationSlug: string, definition: Definition, achievementId?: string): Promise<Checklist> =>
    (await api.post<{ checklist: Checklist }>(`/api/v1/organisations/${enc(organisationSlug)}/achievements/checklist-preview`, { definition, ...(achievementId ? { achievementId } : {}) })).checklist,
  suggestSkills: async (text: string): Promise<EscoSuggestion[]> => (await api.post<{ items: EscoSuggestion[] }>('/api/v1/esco/suggestions', { text, limit: 6 })).items,
  searchOccupations: async (q: string): Promise<EscoSearchHit[]> =>
    (await api.get<{ items: EscoSearchHit[] }>(`/api/v1/esco/search?${new URLSearchParams({ q, type: 'occupation', limit: '8' }).toString()}`)).items,
};
