import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export const ENROLMENT_STATES = ['enrolled', 'submitted', 'under_review', 'in_moderation', 'passed', 'not_yet_passed', 'withdrawn'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];
export type EnrolmentRoute = 'course' | 'assessment-only';
export type EvidenceItemKind = 'file' | 'link' | 'narrative' | 'attestation';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AssessmentSettingsTable {
  organisation_id: string;
  required_reviews: number;
  updated_at: Timestamp;
}

export interface EnrolmentsTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  achievement_id: string;
  achievement_version: number;
  route: EnrolmentRoute;
  cohort_starts_on: ColumnType<string | null, string | null | undefined, string | null>;
  state: EnrolmentState;
  attempts: Generated<number>;
  max_resubmissions: number;
  credential_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubmissionsTable {
  id: Generated<string>;
  enrolment_id: string;
  attempt: number;
  submitted_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SupervisorAttestation {
  name: string;
  email: string;
  role: string;
  statement: string;
}

export interface EvidenceItemsTable {
  id: Generated<string>;
  submission_id: string;
  kind: EvidenceItemKind;
  name: string;
  is_public: Generated<boolean>;
  content_sha256: string;
  storage_key: string | null;
  media_type: string | null;
  file_kind: string | null;
  size_bytes: ColumnType<string | null, number | null | undefined, number | null>;
  file_name: string | null;
  url: string | null;
  narrative: string | null;
  attestation: JSONColumnType<SupervisorAttestation | null, string | null, string | null>;
  created_at: Timestamp;
}

export interface CriterionScoreRow {
  criterion: string;
  level: string;
  comment?: string;
}

export interface ReviewsTable {
  id: Generated<string>;
  submission_id: string;
  assessor_id: string;
  role: 'assessor' | 'moderator';
  decision: 'pass' | 'return' | null;
  scores: JSONColumnType<CriterionScoreRow[], string | undefined, string>;
  feedback: string | null;
  claimed_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface AssessmentTables {
  assessment_settings: AssessmentSettingsTable;
  enrolments: EnrolmentsTable;
  submissions: SubmissionsTable;
  evidence_items: EvidenceItemsTable;
  reviews: ReviewsTable;
}
