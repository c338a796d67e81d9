import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { EVENT_TYPES } from '../tracking/event-types.js';
import { recordEvent } from '../tracking/event-log.js';
import { authorize } from './access.js';
import { confirmationLinkExpired, confirmationLinkInvalid, confirmationTooSoon, emailAlreadyConfirmed, personNotFound } from './accounts.errors.js';
import type { EmailConfirmationRepository } from './email-confirmation.repository.js';
import type { PeopleRepository } from './people.repository.js';
import type { Principal } from './principal.js';
import { randomToken, sha256Hex } from './secret-token.js';

export interface EmailConfirmationSettings {
  /** How long a link works. */
  linkTtlHours: number;
  /** The least time between two links for one person, so the button cannot be used to flood a mailbox. */
  resendAfterSeconds: number;
}

export const DEFAULT_EMAIL_CONFIRMATION: EmailConfirmationSettings = { linkTtlHours: 48, resendAfterSeconds: 60 };

/** The path the emailed link opens; the token is in the fragment, which browsers never send to a server (or its logs). */
export const CONFIRM_EMAIL_PATH = '/confirm-email';

/**
 * Proving that a person reads mail at their address. Sign-up mails a link; following it marks the address
 * confirmed. Until then nothing trusts the address as the person's (issuance by email, roles by email,
 * wallet matches by email): anyone can sign up with any address, so an unconfirmed one proves nothing.
 */
export function createEmailConfirmationService(deps: {
  db: Kysely<Database>;
  confirmations: EmailConfirmationRepository;
  people: PeopleRepository;
  /** Queues the email inside the transaction (the notifications outbox). */
  mail(trx: Transaction<Database>, mail: { to: string; subject: string; body: string; link: string }): Promise<void>;
  /**
   * Inside the confirming transaction: hands the person what waited for the address (credentials issued to it,
   * issuance.service.ts `claimByEmail`); `afterCommit` runs once it commits.
   */
  claimWaiting?(trx: Transaction<Database>, person: { id: string; email: string }): Promise<{ count: number; afterCommit(): void }>;
  settings?: EmailConfirmationSettings;
  clock: () => Date;
}) {
  const { confirmations, clock } = deps;
  const settings = deps.settings ?? DEFAULT_EMAIL_CONFIRMATION;

  /** Makes a new link for the person's current address and queues its email, inside the caller's transaction. */
  async function sendLink(trx: Transaction<Database>, person: { id: string; email: string; displayName: string }): Promise<void> {
    const token = randomToken();
    const now = clock();
    const expiresAt = new Date(now.getTime() + settings.linkTtlHours * 3_600_000);
    await confirmations.replaceLinks(trx, { tokenHash: sha256Hex(token), personId: person.id, email: person.email, createdAt: now, expiresAt });
    await deps.mail(trx, {
      to: person.email,
      subject: 'Confirm your email address for Tessera',
      body: `Hello ${person.displayName},\n\nPlease confirm that this is your email address by opening the link below within ${settings.linkTtlHours} hours. Until you do, credentials issued to this address are not added to your wallet.\n\nIf you did not create a Tessera account, ignore this email: nothing will be linked to you.`,
      link: `${CONFIRM_EMAIL_PATH}#token=${token}`,
    });
  }

  return {
    sendLink,

    /**
     * Follows a link, and hands over the credentials that waited for the address. Following the same link again
     * after it worked is not an error (and claims nothing more).
     */
    async confirm(token: string): Promise<{ email: string; credentialsClaimed: number }> {
      const tokenHash = sha256Hex(token);
      const now = clock();
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const link = await confirmations.lockLink(trx, tokenHash);
        if (!link) throw confirmationLinkInvalid();
        if (link.usedAt) {
          if (await confirmations.isConfirmedAs(trx, link.personId, link.email)) return { email: link.email, claim: undefined };
          throw confirmationLinkInvalid();
        }
        if (link.expiresAt <= now) throw confirmationLinkExpired();
        if (!(await confirmations.confirmPerson(trx, link.personId, link.email, now))) throw confirmationLinkInvalid();
        await confirmations.markUsed(trx, tokenHash, now);
        const claim = await deps.claimWaiting?.(trx, { id: link.personId, email: link.email });
        const payload = { credentialsClaimed: claim?.count ?? 0 };
        await recordEvent(trx, { type: EVENT_TYPES.personEmailConfirmed, actorId: link.personId, subjectType: 'person', subjectId: link.personId, payload, occurredAt: now });
        return { email: link.email, claim };
      });
      outcome.claim?.afterCommit();
      return { email: outcome.email, credentialsClaimed: outcome.claim?.count ?? 0 };
    },

    /** A new link for the signed-in person, paced so it cannot flood their mailbox. */
    async resend(principal: Principal): Promise<{ sentTo: string }> {
      const actor = authorize(principal, 'email_confirmation.request', undefined);
      const person = await deps.people.findById(actor.person.id);
      if (!person) throw personNotFound();
      if (person.emailConfirmed) throw emailAlreadyConfirmed();
      const last = await confirmations.lastLinkAt(deps.db, person.id);
      const waited = last ? (clock().getTime() - last.getTime()) / 1000 : Infinity;
      if (waited < settings.resendAfterSeconds) throw confirmationTooSoon(Math.ceil(settings.resendAfterSeconds - waited));
      await deps.db.transaction().execute((trx) => sendLink(trx, person));
      return { sentTo: person.email };
    },
  };
}

export type EmailConfirmationService = ReturnType<typeof createEmailConfirmationService>;
