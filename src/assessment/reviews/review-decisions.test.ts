import { describe, expect, it } from 'vitest';
import type { EvidenceItemRecord } from '../enrolments/enrolment.repository.js';
import { decisiveScores, toOpenBadgeEvidence } from './credential-on-pass.js';
import type { ReviewRecord } from './review.repository.js';
import { settledDecision } from './review.service.js';

const review = (id: string, decision: 'pass' | 'return' | null, role: 'assessor' | 'moderator' = 'assessor', level = 'competent'): ReviewRecord => ({
  id,
  submissionId: 's',
  assessorId: `a-${id}`,
  assessorName: id,
  role,
  decision,
  scores: [{ criterion: 'c', level }],
  feedback: null,
  claimedAt: new Date(0),
  decidedAt: decision ? new Date(1) : null,
});

describe('review decisions', () => {
  it('settles with one assessor when one is required', () => {
    const mine = review('a', null);
    expect(settledDecision([mine], mine, 'pass', 1)).toBe('pass');
    expect(settledDecision([mine], mine, 'return', 1)).toBe('return');
  });

  it('waits for the second of two, then agrees or goes to moderation', () => {
    const first = review('a', null);
    expect(settledDecision([first, review('b', null)], first, 'pass', 2)).toBeNull();
    const second = review('b', null);
    expect(settledDecision([review('a', 'pass'), second], second, 'pass', 2)).toBe('pass');
    expect(settledDecision([review('a', 'pass'), second], second, 'return', 2)).toBe('disagree');
  });

  it("rests a pass on the moderator's scores when there was moderation", () => {
    expect(decisiveScores([review('a', 'pass', 'assessor', 'competent'), review('b', 'return'), review('m', 'pass', 'moderator', 'exemplary')])).toEqual([{ criterion: 'c', level: 'exemplary' }]);
    expect(decisiveScores([review('a', 'pass', 'assessor', 'exemplary')])).toEqual([{ criterion: 'c', level: 'exemplary' }]);
  });

  it('embeds public evidence as OB Evidence, without a supervisor’s email', () => {
    const base: EvidenceItemRecord = { id: '5e0c3b8e-0000-4000-8000-000000000001', submissionId: 's', kind: 'file', name: 'Briefing', isPublic: true, contentSha256: 'ab'.repeat(32), file: { key: 'k', mediaType: 'application/pdf', kind: 'document', size: 42, fileName: 'b.pdf' }, url: null, narrative: null, attestation: null, createdAt: new Date(0) };
    expect(toOpenBadgeEvidence(base, 'https://t.example')).toEqual({ id: 'https://t.example/api/v1/evidence/5e0c3b8e-0000-4000-8000-000000000001/file', name: 'Briefing', genre: 'File', description: `application/pdf, 42 bytes, SHA-256 ${'ab'.repeat(32)}` });
    const attested = toOpenBadgeEvidence({ ...base, kind: 'attestation', file: null, name: 'Attestation by Ana, Supervisor', attestation: { name: 'Ana', email: 'ana@plant.example', role: 'Supervisor', statement: 'Led the toolbox talk well.' } }, 'https://t.example');
    expect(attested).toEqual({ name: 'Attestation by Ana, Supervisor', narrative: 'Led the toolbox talk well.\n\nAna, Supervisor', genre: 'Supervisor attestation' });
    expect(JSON.stringify(attested)).not.toContain('ana@plant.example');
  });
});
