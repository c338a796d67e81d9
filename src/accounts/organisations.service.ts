import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { isUniqueViolation } from '../db/errors.js';
import { recordEvent } from '../tracking/event-log.js';
import { authorize } from './access.js';
import { memberEmailUnconfirmed, membershipExists, organisationNotFound, organisationSlugTaken, personNotFound } from './accounts.errors.js';
import type { AddMemberInput, CreateOrganisationInput } from './accounts.schema.js';
import type { MembershipRole } from './accounts.tables.js';
import type { MemberRecord, OrganisationRecord, OrganisationsRepository } from './organisations.repository.js';
import type { PeopleRepository } from './people.repository.js';
import type { Principal } from './principal.js';

export interface OrganisationsServiceDeps {
  db: Kysely<Database>;
  organisations: OrganisationsRepository;
  people: PeopleRepository;
}

/** Organisations (issuers, industry partners, employers) and who holds which role in them. */
export function createOrganisationsService(deps: OrganisationsServiceDeps) {
  const { db, organisations, people } = deps;

  const requireOrganisation = async (slug: string): Promise<OrganisationRecord> => {
    const organisation = await organisations.findBySlug(slug);
    if (!organisation) throw organisationNotFound(slug);
    return organisation;
  };

  return {
    /** Public: an organisation's profile is what its credentials point at. */
    getPublic: requireOrganisation,

    async list(principal: Principal): Promise<OrganisationRecord[]> {
      authorize(principal, 'organisation.list_all', undefined);
      return organisations.list();
    },

    async create(principal: Principal, input: CreateOrganisationInput): Promise<OrganisationRecord> {
      const actor = authorize(principal, 'organisation.create', undefined);
      try {
        return await db.transaction().execute(async (trx) => {
          const created = await organisations.insert(trx, input);
          await recordEvent(trx, {
            type: 'organisation.created',
            actorId: actor.person.id,
            organisationId: created.id,
            subjectType: 'organisation',
            subjectId: created.id,
            payload: { slug: created.slug, kind: created.kind },
          });
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw organisationSlugTaken(input.slug);
        throw error;
      }
    },

    async members(principal: Principal, slug: string): Promise<MemberRecord[]> {
      // Authorise against the id before revealing whether the slug exists to outsiders.
      const organisation = await organisations.findBySlug(slug);
      authorize(principal, 'organisation.members.read', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(slug);
      return organisations.members(organisation.id);
    },

    async addMember(principal: Principal, slug: string, input: AddMemberInput): Promise<MemberRecord> {
      const organisation = await organisations.findBySlug(slug);
      const actor = authorize(principal, 'organisation.members.manage', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(slug);
      const person = await people.findByEmail(input.email);
      if (!person) throw personNotFound();
      // A role goes to whoever holds the address; until they confirmed it, that may be someone who merely typed it.
      if (!person.emailConfirmed) throw memberEmailUnconfirmed();
      try {
        await db.transaction().execute(async (trx) => {
          await organisations.addMember(trx, { organisationId: organisation.id, personId: person.id, role: input.role });
          await recordEvent(trx, {
            type: 'membership.added',
            actorId: actor.person.id,
            organisationId: organisation.id,
            subjectType: 'person',
            subjectId: person.id,
            payload: { role: input.role },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw membershipExists();
        throw error;
      }
      return { personId: person.id, email: person.email, displayName: person.displayName, role: input.role, since: new Date() };
    },

    async removeMember(principal: Principal, slug: string, membership: { personId: string; role: MembershipRole }): Promise<void> {
      const organisation = await organisations.findBySlug(slug);
      const actor = authorize(principal, 'organisation.members.manage', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(slug);
      await db.transaction().execute(async (trx) => {
        const removed = await organisations.removeMember(trx, { organisationId: organisation.id, ...membership });
        if (!removed) throw personNotFound();
        await recordEvent(trx, {
          type: 'membership.removed',
          actorId: actor.person.id,
          organisationId: organisation.id,
          subjectType: 'person',
          subjectId: membership.personId,
          payload: { role: membership.role },
        });
      });
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
