/**
 * Every event type Tessera records, with the payload each carries: the one list the rollups, the audit
 * views and the other capabilities' `recordEvent` calls agree on. Every event also has `actorId`,
 * `organisationId`, `subjectType`/`subjectId` and `occurredAt` (src/tracking/event-log.ts). Payloads are
 * small and free of secrets and personal data: events are kept for good and the chain forbids erasing one.
 *
 * Coverage of issue #7's list (audited 2026-12-02):
 * - achievement published / retired, enrolment started (`enrolment.enrolled`), submission made
 *   (`enrolment.submit`), review decided, credential issued / revoked / suspended / reinstated, pathway
 *   completed, endorsement issued, feed harvested: written by their services in the change's transaction.
 * - verification performed: `verification.performed`, written by src/tracking/verification-events.ts
 *   after the public verifier or the W3C VC API verified something (its own small transaction: a
 *   verification changes nothing else).
 * - catalogue searched: deliberately NOT an event. A settled search is counted per month and normalised term in
 *   `search_term_demand_monthly` (src/tracking/search-demand.ts), never with an actor, so no search can be tied to a person.
 * - share link created / viewed / revoked: `share.*`, written by src/wallet/sharing/shares.service.ts in the change's transaction.
 */
export const EVENT_TYPES = {
  // Catalogue. Subject: achievement. Payload: { slug, version } / retired: { slug, versions: number[] }.
  achievementDraftCreated: 'achievement.draft_created',
  achievementPublished: 'achievement.published',
  achievementRetired: 'achievement.retired',
  // Earning. Subject: enrolment. Payload of every enrolment.* move: { from, to, achievementId, version, attempt? };
  // enrolled: { to: 'enrolled', achievementId, version, route, cohortStartsOn }.
  enrolmentEnrolled: 'enrolment.enrolled',
  /** A submission; `from: 'not_yet_passed'` marks a resubmission. */
  enrolmentSubmitted: 'enrolment.submit',
  enrolmentClaimed: 'enrolment.claim',
  /** The settled outcome of the review(s): passed. */
  enrolmentPassed: 'enrolment.pass',
  /** The settled outcome: returned for another attempt. */
  enrolmentReturned: 'enrolment.return',
  enrolmentDisagreed: 'enrolment.disagree',
  enrolmentWithdrawn: 'enrolment.withdraw',
  enrolmentModerationClaimed: 'enrolment.moderation_claimed',
  /** The passed enrolment's credential exists. Payload: { credentialId }. Marks completion (time-to-credential). */
  enrolmentCredentialIssued: 'enrolment.credential_issued',
  /** One assessor's decision. Payload: { attempt, decision: 'pass' | 'return', totalPoints, role }. */
  reviewDecided: 'review.decided',
  evidenceAdded: 'evidence.added',
  evidenceRemoved: 'evidence.removed',
  evidenceVisibilityChanged: 'evidence.visibility_changed',
  assessmentSettingsChanged: 'assessment.settings_changed',
  // Issuing. Subject: credential. issued: { achievementId, version, recipientIsPerson }; revoked/suspended/reinstated: { reason }.
  credentialIssued: 'credential.issued',
  credentialRevoked: 'credential.revoked',
  credentialSuspended: 'credential.suspended',
  credentialReinstated: 'credential.reinstated',
  /** Issued by email before its learner confirmed the address, now theirs. Actor: the learner. Payload: {}. */
  credentialClaimed: 'credential.claimed',
  /** Subject: the endorsed achievement; organisation: the partner. Payload: { credentialId, endorsedOrganisationId }. */
  endorsementIssued: 'endorsement.issued',
  bulkJobCreated: 'bulk_job.created',
  bulkJobCompleted: 'bulk_job.completed',
  issuerKeyCreated: 'issuer_key.created',
  issuerKeyCompromised: 'issuer_key.compromised',
  issuerDidMethodChanged: 'issuer.did_method_changed',
  /**
   * Subject: the credential when this instance issued it, else none. Organisation: the issuing organisation
   * when local. Payload: { channel: 'api' | 'vc_api', verified, local, achievementId | null, issuer: DID or URL | null }.
   * No personal data: neither the recipient nor who asked.
   */
  verificationPerformed: 'verification.performed',
  // Pathways. Subject: pathway. completed: { version, awardId, credentialId, constituents }.
  pathwayCreated: 'pathway.created',
  pathwayPublished: 'pathway.published',
  pathwayCompleted: 'pathway.completed',
  // Federation. Subject: catalogue_feed. harvested: counts of the harvest report.
  feedSubscribed: 'feed.subscribed',
  feedUnsubscribed: 'feed.unsubscribed',
  feedHarvested: 'feed.harvested',
  // Wallet sharing. Subject: share (a learner's share link). Actor: the learner for created/revoked, none for viewed.
  // created: { credentialCount, expires: boolean }; viewed: { viewCount }; revoked: {}. No token, no viewer data.
  shareCreated: 'share.created',
  shareViewed: 'share.viewed',
  shareRevoked: 'share.revoked',
  // Wallet holdings. Subject: wallet_holding. removed: { sharesRevoked } (links revoked because nothing was left in them).
  holdingRemoved: 'holding.removed',
  // Trusted issuer registry. Subject: organisation (approved: { method }; withdrawn: { reason }) or
  // trusted_registry_source (added/removed: { url }). Actor: the platform admin.
  trustedIssuerApproved: 'registry.issuer_approved',
  trustedIssuerWithdrawn: 'registry.issuer_withdrawn',
  registrySourceAdded: 'registry.source_added',
  registrySourceRemoved: 'registry.source_removed',
  // Employers' candidates. Subject: employer_candidate; organisation: the employer. Payload: {} (no share URL: it is a bearer link).
  candidateSaved: 'candidate.saved',
  candidateRemoved: 'candidate.removed',
  // Accounts.
  organisationCreated: 'organisation.created',
  personRegistered: 'person.registered',
  /** Subject: the person. Payload: { credentialsClaimed: issued to the address before, now theirs } (never the address). */
  personEmailConfirmed: 'person.email_confirmed',
  membershipAdded: 'membership.added',
  membershipRemoved: 'membership.removed',
  apiTokenCreated: 'api_token.created',
  apiTokenRevoked: 'api_token.revoked',
  /** Account deletion (#6). Subject: the person, whose row is now a tombstone: its id is a pseudonym. Payload: { evidenceFiles }. */
  personDeleted: 'person.deleted',
  // Wallet exports (#6). Subject: the person. holder_did.set: { method: 'key' | 'web', managed }; removed: {}. Never the DID itself.
  holderDidSet: 'holder_did.set',
  holderDidRemoved: 'holder_did.removed',
  /** Subject: transcript. Payload: { credentials: number, signedBy: 'issuer' | 'holder' }. */
  transcriptCreated: 'transcript.created',
  // Equity fields (#7). settings_changed: subject organisation, payload { fields: keys now collected }.
  // declaration_changed / declaration_withdrawn: actor and subject the learner, organisation the one declared
  // to, payload {}: never the answers nor which fields were answered, since events are kept for good and
  // feed the open data (src/tracking/equity/equity.service.ts).
  equitySettingsChanged: 'equity.settings_changed',
  equityDeclarationChanged: 'equity.declaration_changed',
  equityDeclarationWithdrawn: 'equity.declaration_withdrawn',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/**
 * The rollup figures (src/tracking/rollup.tables.ts) that count one per event, and the event each counts.
 * The achievement is the event's `payload.achievementId`, else the enrolment's or credential's (looked up in
 * the rollups' own maps, built from earlier events); for pathway completions it is the pathway's id.
 * Revoked, suspended, reinstated and deactivated count a credential's transitions instead (src/tracking/rollups.ts).
 */
export const EVENT_COUNTED_FIGURES = {
  issued: EVENT_TYPES.credentialIssued,
  enrolments: EVENT_TYPES.enrolmentEnrolled,
  submissions: EVENT_TYPES.enrolmentSubmitted,
  /** Submissions after a return (`from: 'not_yet_passed'`): a second figure of `enrolment.submit`. */
  resubmissions: EVENT_TYPES.enrolmentSubmitted,
  passed: EVENT_TYPES.enrolmentPassed,
  returned: EVENT_TYPES.enrolmentReturned,
  withdrawn: EVENT_TYPES.enrolmentWithdrawn,
  completions: EVENT_TYPES.enrolmentCredentialIssued,
  pathway_completions: EVENT_TYPES.pathwayCompleted,
  endorsements: EVENT_TYPES.endorsementIssued,
  verifications: EVENT_TYPES.verificationPerformed,
} as const;

/** The events that move a credential between active, suspended and revoked. */
export const CREDENTIAL_STATUS_EVENTS = [EVENT_TYPES.credentialSuspended, EVENT_TYPES.credentialReinstated, EVENT_TYPES.credentialRevoked] as const;
