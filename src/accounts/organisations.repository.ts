import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { MembershipRole, OrganisationKind } from './accounts.tables.js';

export interface OrganisationRecord {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  url: string | null;
  description: string | null;
  issuerDidMethod: 'web' | 'key';
  createdAt: Date;
}

export interface MemberRecord {
  personId: string;
  email: string;
  displayName: string;
  role: MembershipRole;
  since: Date;
}

const organisationColumns = ['id', 'slug', 'name', 'kind', 'url', 'description', 'issuer_did_method', 'created_at'] as const;

const toOrganisation = (row: {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  url: string | null;
  description: string | null;
  issuer_did_method: 'web' | 'key';
  created_at: Date;
}): OrganisationRecord => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  kind: row.kind,
  url: row.url,
  description: row.description,
  issuerDidMethod: row.issuer_did_method,
  createdAt: row.created_at,
});

export function createOrganisationsRepository(db: Kysely<Database>) {
  return {
    async findBySlug(slug: string): Promise<OrganisationRecord | undefined> {
      const row = await db.selectFrom('organisations').select(organisationColumns).where('slug', '=', slug).executeTakeFirst();
      return row && toOrganisation(row);
    },

    async findById(id: string): Promise<OrganisationRecord | undefined> {
      const row = await db.selectFrom('organisations').select(organisationColumns).where('id', '=', id).executeTakeFirst();
      return row && toOrganisation(row);
    },

    async list(): Promise<OrganisationRecord[]> {
      const rows = await db.selectFrom('organisations').select(organisationColumns).orderBy('name').execute();
      return rows.map(toOrganisation);
    },

    async insert(
      trx: Transaction<Database>,
      organisation: { slug: string; name: string; kind: OrganisationKind; url?: string | null; description?: string | null },
    ): Promise<OrganisationRecord> {
      const row = await trx
        .insertInto('organisations')
        .values({ ...organisation, url: organisation.url ?? null, description: organisation.description ?? null })
        .returning(organisationColumns)
        .executeTakeFirstOrThrow();
      return toOrganisation(row);
    },

    async setIssuerDidMethod(trx: Transaction<Database>, organisationId: string, method: 'web' | 'key'): Promise<void> {
      await trx.updateTable('organisations').set({ issuer_did_method: method, updated_at: new Date() }).where('id', '=', organisationId).execute();
    },

    async members(organisationId: string): Promise<MemberRecord[]> {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('people', 'people.id', 'memberships.person_id')
        .select(['people.id', 'people.email', 'people.display_name', 'memberships.role', 'memberships.created_at'])
        .where('memberships.organisation_id', '=', organisationId)
        .where('people.deleted_at', 'is', null)
        .orderBy('people.display_name')
        .execute();
      return rows.map((r) => ({ personId: r.id, email: r.email, displayName: r.display_name, role: r.role, since: r.created_at }));
    },

    async addMember(trx: Transaction<Database>, membership: { organisationId: string; personId: string; role: MembershipRole }): Promise<void> {
      await trx
        .insertInto('memberships')
        .values({ organisation_id: membership.organisationId, person_id: membership.personId, role: membership.role })
        .execute();
    },

    async removeMember(trx: Transaction<Database>, membership: { organisationId: string; personId: string; role: MembershipRole }): Promise<boolean> {
      const result = await trx
        .deleteFrom('memberships')
        .where('organisation_id', '=', membership.organisationId)
        .where('person_id', '=', membership.personId)
        .where('role', '=', membership.role)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type OrganisationsRepository = ReturnType<typeof createOrganisationsRepository>;
