import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { MembershipView, PersonSummary } from './principal.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface PersonRecord extends PersonSummary {
  passwordHash: string | null;
  createdAt: Date;
}

const PERSON_COLUMNS = ['id', 'email', 'display_name', 'password_hash', 'is_platform_admin', 'email_confirmed_at', 'created_at'] as const;

export function createPeopleRepository(db: Kysely<Database>) {
  const selectPerson = (executor: Executor) =>
    executor
      .selectFrom('people')
      .select(PERSON_COLUMNS)
      .where('deleted_at', 'is', null);

  const toRecord = (row: {
    id: string;
    email: string;
    display_name: string;
    password_hash: string | null;
    is_platform_admin: boolean;
    email_confirmed_at: Date | null;
    created_at: Date;
  }): PersonRecord => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    isPlatformAdmin: row.is_platform_admin,
    passwordHash: row.password_hash,
    emailConfirmed: row.email_confirmed_at !== null,
    createdAt: row.created_at,
  });

  return {
    async findByEmail(email: string): Promise<PersonRecord | undefined> {
      const row = await selectPerson(db)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      return row && toRecord(row);
    },

    /** People by email, case-insensitively, in one query (bulk issuance resolves a batch of rows at once). */
    async findByEmails(emails: string[]): Promise<PersonRecord[]> {
      if (emails.length === 0) return [];
      const rows = await selectPerson(db)
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', [...new Set(emails.map((email) => email.toLowerCase()))]))
        .execute();
      return rows.map(toRecord);
    },

    async findById(id: string): Promise<PersonRecord | undefined> {
      const row = await selectPerson(db).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async insert(
      trx: Transaction<Database>,
      person: { email: string; displayName: string; passwordHash: string | null; isPlatformAdmin?: boolean },
    ): Promise<PersonRecord> {
      const row = await trx
        .insertInto('people')
        .values({
          email: person.email,
          display_name: person.displayName,
          password_hash: person.passwordHash,
          is_platform_admin: person.isPlatformAdmin ?? false,
        })
        .returning(PERSON_COLUMNS)
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async membershipsOf(personId: string): Promise<MembershipView[]> {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
        .select(['organisations.id', 'organisations.slug', 'organisations.name', 'organisations.kind', 'memberships.role'])
        .where('memberships.person_id', '=', personId)
        .orderBy('organisations.name')
        .orderBy('memberships.role')
        .execute();
      return rows.map((row) => ({ organisation: { id: row.id, slug: row.slug, name: row.name, kind: row.kind }, role: row.role }));
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
