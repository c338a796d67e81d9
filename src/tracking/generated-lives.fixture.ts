import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { NewEvent } from './event-log.js';
import { EVENT_TYPES } from './event-types.js';

/**
 * Generated event histories for the rollup tests, with the figures a direct count over those events
 * gives: the model the rollups (and the dashboards built on them) must equal. The model walks the events
 * one by one in plain code, independent of the fold's SQL.
 */

export interface Step {
  kind: 'enrol' | 'submit' | 'resubmit' | 'pass' | 'return' | 'complete' | 'issue' | 'revoke' | 'suspend' | 'reinstate' | 'verify' | 'endorse' | 'pathway' | 'noise';
  org: number;
  achievement: number;
  /** Days after 2025-01-01. */
  day: number;
  /** Which earlier enrolment or credential the step is about (modulo how many exist). */
  pick: number;
}

export const START = Date.UTC(2025, 0, 1);

export const stepOf = (organisations: number, achievements: number): fc.Arbitrary<Step> =>
  fc.record({
    kind: fc.constantFrom('enrol', 'submit', 'resubmit', 'pass', 'return', 'complete', 'issue', 'revoke', 'suspend', 'reinstate', 'verify', 'endorse', 'pathway', 'noise'),
    org: fc.nat(organisations - 1),
    achievement: fc.nat(achievements - 1),
    day: fc.nat(500),
    pick: fc.nat(50),
  });

/** `org|achievement|YYYY-MM-01|figure` → count. */
export type FigureKey = string;

export interface GeneratedLives {
  events: NewEvent[];
  /** Every non-zero figure per organisation, achievement and month. */
  expected: Map<FigureKey, number>;
  /** Days from enrolment to credential per `org|achievement|YYYY-MM-01`. */
  durations: Map<string, number[]>;
}

export const monthOfDay = (day: number): string => new Date(START + day * 86_400_000).toISOString().slice(0, 7) + '-01';

/** Turns steps into events (in time order) and counts them directly. */
export function livesOf(steps: Step[], organisations: string[], achievements: string[]): GeneratedLives {
  const sorted = [...steps].sort((a, b) => a.day - b.day);
  const enrolments: Array<{ id: string; org: string; achievement: string; day: number }> = [];
  const credentials: Array<{ id: string; org: string; achievement: string; status: 'active' | 'suspended' | 'revoked' }> = [];
  const events: NewEvent[] = [];
  const expected = new Map<FigureKey, number>();
  const durations = new Map<string, number[]>();
  const count = (org: string, achievement: string, day: number, figure: string) => {
    const key = `${org}|${achievement}|${monthOfDay(day)}|${figure}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  };
  for (const s of sorted) {
    const org = organisations[s.org]!;
    const achievement = achievements[s.achievement]!;
    const occurredAt = new Date(START + s.day * 86_400_000 + 3_600_000);
    const enrolment = enrolments.length > 0 ? enrolments[s.pick % enrolments.length]! : undefined;
    const credential = credentials.length > 0 ? credentials[s.pick % credentials.length]! : undefined;
    const ofEnrolment = (type: string, payload: Record<string, unknown>) =>
      events.push({ type, organisationId: enrolment!.org, subjectType: 'enrolment', subjectId: enrolment!.id, payload, occurredAt });
    const ofCredential = (type: string) =>
      events.push({ type, organisationId: credential!.org, subjectType: 'credential', subjectId: credential!.id, payload: { reason: 'test' }, occurredAt });
    if (s.kind === 'enrol') {
      const id = randomUUID();
      enrolments.push({ id, org, achievement, day: s.day });
      events.push({ type: EVENT_TYPES.enrolmentEnrolled, actorId: randomUUID(), organisationId: org, subjectType: 'enrolment', subjectId: id, payload: { to: 'enrolled', achievementId: achievement }, occurredAt });
      count(org, achievement, s.day, 'enrolments');
    } else if ((s.kind === 'submit' || s.kind === 'resubmit') && enrolment) {
      ofEnrolment(EVENT_TYPES.enrolmentSubmitted, { from: s.kind === 'submit' ? 'enrolled' : 'not_yet_passed', achievementId: enrolment.achievement });
      count(enrolment.org, enrolment.achievement, s.day, 'submissions');
      if (s.kind === 'resubmit') count(enrolment.org, enrolment.achievement, s.day, 'resubmissions');
    } else if ((s.kind === 'pass' || s.kind === 'return') && enrolment) {
      // review.decided carries no achievement: the rollups find it through the enrolment.
      ofEnrolment(EVENT_TYPES.reviewDecided, { decision: s.kind });
      ofEnrolment(s.kind === 'pass' ? EVENT_TYPES.enrolmentPassed : EVENT_TYPES.enrolmentReturned, { achievementId: enrolment.achievement });
      count(enrolment.org, enrolment.achievement, s.day, s.kind === 'pass' ? 'passed' : 'returned');
    } else if (s.kind === 'complete' && enrolment) {
      ofEnrolment(EVENT_TYPES.enrolmentCredentialIssued, { credentialId: randomUUID() });
      count(enrolment.org, enrolment.achievement, s.day, 'completions');
      const key = `${enrolment.org}|${enrolment.achievement}|${monthOfDay(s.day)}`;
      durations.set(key, [...(durations.get(key) ?? []), s.day - enrolment.day]);
    } else if (s.kind === 'issue') {
      const id = randomUUID();
      credentials.push({ id, org, achievement, status: 'active' });
      events.push({ type: EVENT_TYPES.credentialIssued, organisationId: org, subjectType: 'credential', subjectId: id, payload: { achievementId: achievement }, occurredAt });
      count(org, achievement, s.day, 'issued');
    } else if ((s.kind === 'revoke' || s.kind === 'suspend' || s.kind === 'reinstate') && credential) {
      // Every request is recorded, even one that changes nothing (a second revocation): only transitions count.
      const at = (figure: string) => count(credential.org, credential.achievement, s.day, figure);
      if (s.kind === 'revoke') {
        ofCredential(EVENT_TYPES.credentialRevoked);
        if (credential.status === 'active') at('deactivated');
        if (credential.status !== 'revoked') at('revoked');
        credential.status = 'revoked';
      } else if (s.kind === 'suspend') {
        ofCredential(EVENT_TYPES.credentialSuspended);
        if (credential.status === 'active') {
          at('suspended');
          at('deactivated');
          credential.status = 'suspended';
        }
      } else {
        ofCredential(EVENT_TYPES.credentialReinstated);
        if (credential.status === 'suspended') {
          at('reinstated');
          credential.status = 'active';
        }
      }
    } else if (s.kind === 'verify') {
      const local = credential !== undefined && s.pick % 2 === 0;
      events.push(local
        ? { type: EVENT_TYPES.verificationPerformed, organisationId: credential.org, subjectType: 'credential', subjectId: credential.id, payload: { verified: true, local: true, achievementId: credential.achievement }, occurredAt }
        : { type: EVENT_TYPES.verificationPerformed, payload: { verified: false, local: false, achievementId: null }, occurredAt });
      count(local ? credential.org : '', local ? credential.achievement : '', s.day, 'verifications');
    } else if (s.kind === 'endorse') {
      const partner = randomUUID();
      events.push({ type: EVENT_TYPES.endorsementIssued, organisationId: partner, subjectType: 'achievement', subjectId: achievement, payload: { credentialId: randomUUID(), endorsedOrganisationId: org }, occurredAt });
      count(org, achievement, s.day, 'endorsements');
    } else if (s.kind === 'pathway') {
      events.push({ type: EVENT_TYPES.pathwayCompleted, organisationId: org, subjectType: 'pathway', subjectId: achievement, payload: { version: 1 }, occurredAt });
      count(org, achievement, s.day, 'pathway_completions');
    } else {
      events.push({ type: EVENT_TYPES.membershipAdded, organisationId: org, subjectType: 'person', subjectId: randomUUID(), payload: { role: 'admin' }, occurredAt });
    }
  }
  return { events, expected, durations };
}

/** A finer map summed up to a coarser key (`key` picks the coarse key from the fine one's parts). */
export function rollUp<V>(fine: Map<string, V>, key: (parts: string[]) => string, add: (a: V, b: V) => V): Map<string, V> {
  const coarse = new Map<string, V>();
  for (const [k, v] of fine) {
    const c = key(k.split('|'));
    coarse.set(c, coarse.has(c) ? add(coarse.get(c)!, v) : v);
  }
  return coarse;
}
