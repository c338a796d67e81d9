import { api } from '../api/client.js';

/** The earning API as the web app uses it (shapes as in /openapi.json, tag "Earning"). */

export type EnrolmentState = 'enrolled' | 'submitted' | 'under_review' | 'in_moderation' | 'passed' | 'not_yet_passed' | 'withdrawn';

export interface RubricLevel {
  id: string;
  name: string;
  description: string;
  points: number;
}

export interface RubricCriterion {
  id: string;
  name: string;
  description?: string;
  kind: string;
  outcomes: string[];
  levels: RubricLevel[];
}

export interface Rubric {
  criteria: RubricCriterion[];
  passRule: { everyCriterionAtLeast?: string; minimumPoints?: number; requiredCriteria: Array<{ criterion: string; atLeast: string }> };
}

export interface EvidenceView {
  id: string;
  kind: 'file' | 'link' | 'narrative' | 'attestation';
  name: string;
  isPublic: boolean;
  sha256: string;
  file: { mediaType: string; kind: string; size: number; fileName: string; downloadUrl: string } | null;
  url: string | null;
  narrative: string | null;
  attestation: { name: string; email: string; role: string; statement: string } | null;
  createdAt: string;
}

export interface ReviewView {
  id: string;
  assessorName: string;
  role: 'assessor' | 'moderator';
  mine: boolean;
  decision: 'pass' | 'return' | null;
  scores: Array<{ criterion: string; level: string; comment?: string }>;
  feedback: string | null;
  decidedAt: string | null;
}

export interface EnrolmentView {
  id: string;
  state: EnrolmentState;
  route: 'course' | 'assessment-only';
  cohortStartsOn: string | null;
  attempts: number;
  attemptsLeft: number;
  maxResubmissions: number;
  closed: boolean;
  allowedActions: string[];
  credentialId: string | null;
  requiredReviews: number;
  viewer: 'learner' | 'reviewer';
  achievement: { id: string; slug: string; title: string; version: number; documentUrl: string; organisation: { id: string; slug: string; name: string } };
  rubric: Rubric | null;
  submission: { id: string; attempt: number; submittedAt: string | null; evidence: EvidenceView[] } | null;
  reviews: ReviewView[];
  createdAt: string;
  updatedAt: string;
}

export interface QueueItem {
  enrolmentId: string;
  state: EnrolmentState;
  learnerName: string;
  achievementId: string;
  achievementTitle: string;
  achievementVersion: number;
  route: string;
  attempt: number;
  submittedAt: string | null;
  reviewsNeeded: number;
  claims: number;
  claimedByMe: boolean;
  decidedByMe: boolean;
}

export type EvidenceInput =
  | { kind: 'link'; url: string; name?: string; isPublic: boolean }
  | { kind: 'narrative'; name: string; narrative: string; isPublic: boolean }
  | { kind: 'attestation'; supervisor: { name: string; email: string; role: string; statement: string }; isPublic: boolean };

export const listMyEnrolments = async (): Promise<EnrolmentView[]> => (await api.get<{ items: EnrolmentView[] }>('/api/v1/me/enrolments')).items;
export const getEnrolment = (id: string): Promise<EnrolmentView> => api.get<EnrolmentView>(`/api/v1/enrolments/${encodeURIComponent(id)}`);
export const enrol = (input: { achievementId: string; route: 'course' | 'assessment-only'; cohortStartsOn?: string }): Promise<EnrolmentView> => api.post<EnrolmentView>('/api/v1/me/enrolments', input);
export const withdraw = (id: string): Promise<EnrolmentView> => api.post<EnrolmentView>(`/api/v1/enrolments/${id}/withdraw`);
export const addEvidence = (id: string, input: EvidenceInput): Promise<EvidenceView> => api.post<EvidenceView>(`/api/v1/enrolments/${id}/evidence`, input);
export const removeEvidence = (id: string, evidenceId: string): Promise<void> => api.delete(`/api/v1/enrolments/${id}/evidence/${evidenceId}`);
export const setEvidencePublic = (id: string, evidenceId: string, isPublic: boolean): Promise<EvidenceView> => api.put<EvidenceView>(`/api/v1/enrolments/${id}/evidence/${evidenceId}/visibility`, { isPublic });
export const submit = (id: string): Promise<EnrolmentView> => api.post<EnrolmentView>(`/api/v1/enrolments/${id}/submit`);

export function uploadEvidenceFile(id: string, file: File, options: { name?: string; isPublic: boolean }): Promise<EvidenceView> {
  const form = new FormData();
  // Fields first: the server reads them before it streams the file to storage.
  if (options.name) form.append('name', options.name);
  form.append('isPublic', String(options.isPublic));
  form.append('file', file, file.name);
  return api.postForm<EvidenceView>(`/api/v1/enrolments/${id}/evidence/files`, form);
}

export const reviewQueue = async (slug: string): Promise<QueueItem[]> => (await api.get<{ items: QueueItem[] }>(`/api/v1/organisations/${encodeURIComponent(slug)}/review-queue`)).items;
export const claim = (id: string): Promise<EnrolmentView> => api.post<EnrolmentView>(`/api/v1/enrolments/${id}/claim`);
export const decide = (id: string, input: { decision: 'pass' | 'return'; scores: Array<{ criterion: string; level: string; comment?: string }>; feedback?: string }): Promise<EnrolmentView> =>
  api.post<EnrolmentView>(`/api/v1/enrolments/${id}/decision`, input);

/** What a person reads for each state. */
export const stateLabels: Record<EnrolmentState, string> = {
  enrolled: 'Enrolled: preparing evidence',
  submitted: 'Submitted: waiting for an assessor',
  under_review: 'Under review',
  in_moderation: 'In moderation',
  passed: 'Passed',
  not_yet_passed: 'Not yet passed',
  withdrawn: 'Withdrawn',
};

export const routeLabels = { course: 'Course and assessment', 'assessment-only': 'Assessment only' } as const;

/** The published micro-credentials one can enrol in, for the list on the learning page. */
export interface EnrollableOffer {
  achievementId: string;
  title: string;
  provider: string;
  onDemand: boolean;
}

export async function enrollableOffers(): Promise<EnrollableOffer[]> {
  const page = await api.get<{ items: Array<{ achievementId: string | null; title: string; provider: { name: string }; onDemand: boolean }> }>('/api/v1/catalogue/search?limit=50');
  return page.items.flatMap((item) => (item.achievementId ? [{ achievementId: item.achievementId, title: item.title, provider: item.provider.name, onDemand: item.onDemand }] : []));
}

/** What enrolling needs to know of one micro-credential: its routes and cohorts. */
export interface OfferDetails {
  title: string;
  assessmentOnlyRoute: boolean;
  cohorts: string[] | null;
}

export async function offerDetails(achievementId: string): Promise<OfferDetails> {
  const view = await api.get<{ version: { definition: { title: string; assessmentOnlyRoute: boolean; startDates: { kind: string; cohorts?: Array<{ startsOn: string }> } } } }>(`/api/v1/achievements/${encodeURIComponent(achievementId)}`);
  const d = view.version.definition;
  return { title: d.title, assessmentOnlyRoute: d.assessmentOnlyRoute, cohorts: d.startDates.kind === 'cohorts' ? (d.startDates.cohorts ?? []).map((c) => c.startsOn) : null };
}
