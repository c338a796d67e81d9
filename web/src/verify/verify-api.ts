import { api } from '../api/client.js';

/** The shapes of POST /api/v1/verify/batch and /api/v1/verify/files (see /openapi.json). */
export type CheckOutcome = 'pass' | 'fail' | 'warning';

export interface CheckView {
  id: string;
  outcome: CheckOutcome;
  message: string;
  details?: Record<string, unknown>;
}

export interface ReportView {
  verified: boolean;
  format: 'json-ld' | 'vc-jwt' | 'unknown';
  checks: CheckView[];
}

type Text = string | null;

export interface SummaryView {
  types: string[];
  name: Text;
  subject: { id: Text; name: Text };
  achievement: { id: Text; name: Text; description: Text; criteria: Text; achievementType: Text };
  issuer: { id: Text; name: Text; url: Text };
  validFrom: Text;
  validUntil: Text;
  evidence: Array<{ id: Text; name: Text; description: Text; narrative: Text; genre: Text }>;
  endorsements: Array<{ issuerId: Text; issuerName: Text; comment: Text; validFrom: Text }>;
  embeddedCount: number;
}

export type BatchOutcome = 'verified' | 'warnings' | 'not_verified' | 'unreadable';

export interface BatchRowView {
  source: string;
  embeddedIndex: number | null;
  outcome: BatchOutcome;
  firstProblem: { id: string; message: string } | null;
  notices: string[];
  report: ReportView | null;
  summary: SummaryView | null;
  error: { code: string; title: string; detail: string } | null;
}

export type VerifyItem = { credential: unknown; source?: string } | { url: string; source?: string };

export const verifyItems = async (items: VerifyItem[]): Promise<BatchRowView[]> =>
  (await api.post<{ items: BatchRowView[] }>('/api/v1/verify/batch', { items })).items;

export const verifyFiles = async (files: File[]): Promise<BatchRowView[]> => {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return (await api.postForm<{ items: BatchRowView[] }>('/api/v1/verify/files', form)).items;
};

/** What a person pasted: a JSON credential, or a VC-JWT as text. */
export function pastedCredential(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    // The server says precisely what is wrong with it.
    return trimmed;
  }
}
