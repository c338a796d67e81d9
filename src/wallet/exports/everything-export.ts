import { PassThrough, type Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import yazl from 'yazl';
import type { Principal } from '../../accounts/principal.js';
import type { Database } from '../../db/tables.js';
import { authorizeSelf } from './wallet-exports.access.js';

/**
 * "Everything about me" (GDPR art. 15 and 20): every record Tessera keeps about the person, as JSON files in
 * a ZIP, streamed (yazl writes each entry as it is added, so memory holds one section at a time). Secrets are
 * left out: password hash, session and token hashes, the sealed holder key, share tokens' hashes.
 */
export function createEverythingExport(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db } = deps;

  /** A table another capability owns and may not exist in this schema version (read by SQL, not by its types). */
  const optionalTable = async (table: string, columns: string[], personId: string): Promise<unknown[] | null> => {
    const exists = await sql<{ present: boolean }>`select to_regclass(${table}) is not null as present`.execute(db);
    if (!exists.rows[0]?.present) return null;
    const { rows } = await sql`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)} where person_id = ${personId} order by 1`.execute(db);
    return rows;
  };

  async function sections(personId: string): Promise<Array<[string, unknown]>> {
    const profile = await db.selectFrom('people').select(['id', 'email', 'display_name', 'is_platform_admin', 'created_at', 'updated_at']).where('id', '=', personId).executeTakeFirstOrThrow();
    const memberships = await db.selectFrom('memberships').innerJoin('organisations', 'organisations.id', 'memberships.organisation_id').select(['organisations.slug', 'organisations.name', 'memberships.role', 'memberships.created_at']).where('person_id', '=', personId).execute();
    const sessions = await db.selectFrom('sessions').select(['created_at', 'expires_at', 'last_seen_at']).where('person_id', '=', personId).execute();
    const tokens = await db.selectFrom('api_tokens').select(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at']).where('person_id', '=', personId).execute();
    const credentials = await db.selectFrom('issued_credentials').select(['id', 'kind', 'status', 'issued_at', 'valid_until', 'credential', 'jwt']).where('recipient_person_id', '=', personId).orderBy('issued_at').execute();
    const enrolments = await db.selectFrom('enrolments').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
    const enrolmentIds = enrolments.map((e) => e.id);
    const submissions = enrolmentIds.length === 0 ? [] : await db.selectFrom('submissions').selectAll().where('enrolment_id', 'in', enrolmentIds).orderBy('created_at').execute();
    const submissionIds = submissions.map((s) => s.id);
    const evidence = submissionIds.length === 0 ? [] : await db.selectFrom('evidence_items').select(['id', 'submission_id', 'kind', 'name', 'is_public', 'content_sha256', 'media_type', 'size_bytes', 'file_name', 'url', 'narrative', 'attestation', 'created_at']).where('submission_id', 'in', submissionIds).execute();
    const reviews = submissionIds.length === 0 ? [] : await db.selectFrom('reviews').select(['id', 'submission_id', 'role', 'decision', 'scores', 'feedback', 'decided_at']).where('submission_id', 'in', submissionIds).where('decided_at', 'is not', null).execute();
    const notifications = await db.selectFrom('notifications').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
    const holder = await db.selectFrom('holder_dids').select(['did', 'method', 'created_at']).where('person_id', '=', personId).executeTakeFirst();
    const transcripts = await db.selectFrom('wallet_transcripts').select(['id', 'credential_ids', 'created_at', 'credential']).where('person_id', '=', personId).execute();
    const subjects = [personId, ...credentials.map((c) => c.id), ...enrolmentIds, ...transcripts.map((t) => t.id)];
    const events = await db.selectFrom('events').select(['id', 'occurred_at', 'type', 'actor_id', 'organisation_id', 'subject_type', 'subject_id', 'payload']).where((eb) => eb.or([eb('actor_id', '=', personId), eb('subject_id', 'in', subjects)])).orderBy('id').execute();
    return [
      ['profile.json', { ...profile, memberships, holderDid: holder ?? null }],
      ['sessions.json', sessions],
      ['api-tokens.json', tokens],
      ...credentials.map((c): [string, unknown] => [`credentials/${c.id}.json`, c.jwt ?? c.credential]),
      ['credentials.json', credentials.map(({ credential: _credential, jwt: _jwt, ...rest }) => rest)],
      ['enrolments.json', enrolments],
      ['submissions.json', submissions.map((s) => ({ ...s, evidence: evidence.filter((e) => e.submission_id === s.id), reviews: reviews.filter((r) => r.submission_id === s.id) }))],
      ['notifications.json', notifications],
      ['transcripts.json', transcripts],
      ['wallet-holdings.json', await optionalTable('wallet_holdings', ['id', 'source', 'source_url', 'credential', 'jwt', 'report', 'verified_at', 'imported_at'], personId)],
      ['wallet-shares.json', await optionalTable('wallet_shares', ['id', 'title', 'expires_at', 'revoked_at', 'view_count', 'last_viewed_at', 'created_at'], personId)],
      ['events.json', events],
    ];
  }

  return {
    /** The ZIP as a stream; the first byte goes out once the first section is read. */
    stream(principal: Principal): { fileName: string; body: Readable } {
      const person = authorizeSelf(principal, 'exports.read');
      const zip = new yazl.ZipFile();
      const out = new PassThrough();
      zip.outputStream.pipe(out);
      const mtime = deps.clock();
      const add = (name: string, value: unknown) => zip.addBuffer(Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'), `tessera-export/${name}`, { mtime });
      void (async () => {
        add('README.json', { exportedAt: mtime.toISOString(), person: person.person.id, note: 'Every record Tessera keeps about you, as JSON. Each file under credentials/ is a signed credential that verifies on its own.' });
        for (const [name, value] of await sections(person.person.id)) if (value !== null) add(name, value);
        zip.end();
      })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
      return { fileName: `tessera-export-${mtime.toISOString().slice(0, 10)}.zip`, body: out };
    },
  };
}

export type EverythingExport = ReturnType<typeof createEverythingExport>;
