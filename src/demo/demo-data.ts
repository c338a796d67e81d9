import type { Kysely } from 'kysely';
import type { MembershipRole, OrganisationKind } from '../accounts/accounts.tables.js';
import { hashPassword } from '../accounts/password.js';
import { achievementDefinitionSchema } from '../catalog/achievement.schema.js';
import { importDemoEsco } from '../catalog/esco/esco-import.js';
import { rebuildSearchIndex } from '../catalog/search/search-index.js';
import type { Database } from '../db/tables.js';
import { recordEvent } from '../tracking/event-log.js';
import { demoAchievements } from './demo-achievements.js';
import { seedDemoEnrolment } from './demo-enrolment.js';
import { seedDemoPathway } from './demo-pathways.js';

export const DEMO_PASSWORD = 'tessera-demo-2026';

interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  url: string;
  description: string;
}

const organisations: DemoOrganisation[] = [
  { slug: 'northbridge', name: 'Northbridge College', kind: 'issuer', url: 'https://northbridge.example', description: 'A public college of applied arts and technology (demo).' },
  { slug: 'harbour-manufacturing', name: 'Harbour Manufacturing Association', kind: 'industry_partner', url: 'https://harbour-manufacturing.example', description: 'An industry association of manufacturers (demo).' },
  { slug: 'bluewater', name: 'Bluewater Logistics', kind: 'employer', url: 'https://bluewater.example', description: 'A regional logistics employer (demo).' },
];

/** The demo logins, printed at start-up and listed in the README. */
export const demoLogins: Array<{ email: string; displayName: string; role: string; platformAdmin?: boolean; memberships: Array<{ organisation: string; role: MembershipRole }> }> = [
  { email: 'admin@tessera.test', displayName: 'Priya Raman', role: 'platform admin', platformAdmin: true, memberships: [] },
  { email: 'registrar@northbridge.test', displayName: 'Daniel Moreau', role: 'issuer admin, Northbridge College', memberships: [{ organisation: 'northbridge', role: 'admin' }] },
  { email: 'assessor@northbridge.test', displayName: 'Grace Lin', role: 'assessor, Northbridge College', memberships: [{ organisation: 'northbridge', role: 'assessor' }] },
  { email: 'learner@tessera.test', displayName: 'Amara Okafor', role: 'learner', memberships: [] },
  { email: 'endorser@harbour-manufacturing.test', displayName: 'Tom Becker', role: 'endorser, Harbour Manufacturing Association', memberships: [{ organisation: 'harbour-manufacturing', role: 'endorser' }] },
  { email: 'hr@bluewater.test', displayName: 'Sofia Alvarez', role: 'employer admin, Bluewater Logistics', memberships: [{ organisation: 'bluewater', role: 'admin' }] },
];

/** True when the demo data is already there (its platform admin exists). */
export async function hasDemoData(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('people').select('id').where('email', '=', demoLogins[0]!.email).executeTakeFirst();
  return row !== undefined;
}

/**
 * Seeds the bundled ESCO subset, then the demo organisations, people, roles and two published
 * micro-credentials in one transaction: either all of those exist afterwards or none. Does nothing when the demo data is already present.
 */
export async function seedDemoData(db: Kysely<Database>): Promise<{ seeded: boolean }> {
  if (await hasDemoData(db)) return { seeded: false };
  // ESCO first, in its own transactions (one per file): the demo micro-credentials align to it.
  await importDemoEsco(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const organisationIds = new Map<string, string>();
    for (const organisation of organisations) {
      const { id } = await trx.insertInto('organisations').values(organisation).returning('id').executeTakeFirstOrThrow();
      organisationIds.set(organisation.slug, id);
      await recordEvent(trx, { type: 'organisation.created', organisationId: id, subjectType: 'organisation', subjectId: id, payload: { slug: organisation.slug, kind: organisation.kind, demo: true } });
    }
    // The demo's addresses are confirmed from the start (nobody reads their mail), as if each had followed its link.
    for (const login of demoLogins) {
      const { id } = await trx
        .insertInto('people')
        .values({ email: login.email, display_name: login.displayName, password_hash: passwordHash, is_platform_admin: login.platformAdmin ?? false, email_confirmed_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { type: 'person.registered', actorId: id, subjectType: 'person', subjectId: id, payload: { demo: true } });
      for (const membership of login.memberships) {
        await trx.insertInto('memberships').values({ organisation_id: organisationIds.get(membership.organisation)!, person_id: id, role: membership.role }).execute();
      }
    }
    const issuerId = organisationIds.get('northbridge')!;
    // The demo college is on the trusted issuer registry from the start, so its credentials verify as from a
    // trusted issuer; the industry partner is left for a platform admin to vet.
    await trx
      .insertInto('trusted_issuer_approvals')
      .values({ organisation_id: issuerId, method: 'accreditation_register', evidence_url: 'https://northbridge.example/accreditation', notes: 'Demo data: a public college on the register of accredited colleges.', approved_by: null, approved_at: new Date() })
      .execute();
    for (const achievement of demoAchievements) {
      const definition = achievementDefinitionSchema.parse(achievement.definition);
      const { id } = await trx.insertInto('achievements').values({ organisation_id: issuerId, slug: achievement.slug }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('achievement_versions')
        .values({ achievement_id: id, version: 1, status: 'published', definition: JSON.stringify(definition), published_at: new Date() })
        .execute();
      await recordEvent(trx, { type: 'achievement.published', organisationId: issuerId, subjectType: 'achievement', subjectId: id, payload: { version: 1, demo: true } });
    }
    await seedDemoEnrolment(trx, 'learner@tessera.test');
    const parts = await trx.selectFrom('achievements').innerJoin('achievement_versions', 'achievement_versions.achievement_id', 'achievements.id').select(['achievements.id', 'achievements.slug', 'achievement_versions.definition']).where('achievements.organisation_id', '=', issuerId).execute();
    const bySlug = new Map(parts.map((p) => [p.slug, p]));
    await seedDemoPathway(trx, issuerId, ['spreadsheet-data-analysis', 'workplace-health-and-safety'].flatMap((slug) => {
      const part = bySlug.get(slug);
      const definition = part?.definition as { title: string; credit?: { value: number } } | undefined;
      return part && definition ? [{ id: part.id, title: definition.title, credits: definition.credit?.value ?? null }] : [];
    }));
  });
  // After the commit: the index reads the committed rows (and PGlite has one connection).
  await rebuildSearchIndex(db);
  return { seeded: true };
}
