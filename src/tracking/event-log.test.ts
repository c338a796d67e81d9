import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { recordEvent, verifyEventChain } from './event-log.js';

describe('event log: append-only, hash-chained', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.dispose());

  it('links every event to the one before and detects an edited or removed event', async () => {
    const { db } = database;
    for (let i = 0; i < 5; i += 1) {
      await db.transaction().execute((trx) => recordEvent(trx, { type: 'test.happened', subjectType: 'thing', subjectId: String(i), payload: { i, label: 'Zoë ®' } }));
    }
    expect(await verifyEventChain(db)).toEqual({ intact: true, events: 5 });
    expect(await verifyEventChain(db, 2)).toEqual({ intact: true, events: 5 }); // across page boundaries

    // The table refuses edits outright...
    await expect(sql`update events set payload = '{"i": 99}'::jsonb where subject_id = '2'`.execute(db)).rejects.toThrow(/append-only/);
    // ...so tampering needs the trigger disabled, as someone with direct database access could.
    await sql`alter table events disable trigger events_append_only`.execute(db);
    await sql`update events set payload = '{"i": 99}'::jsonb where subject_id = '2'`.execute(db);
    const ids = await db.selectFrom('events').select('id').orderBy('id').execute();
    const edited = await verifyEventChain(db);
    expect(edited).toMatchObject({ intact: false, brokenAt: ids[2]!.id });

    await sql`update events set payload = '{"i": 2, "label": "Zoë ®"}'::jsonb where subject_id = '2'`.execute(db);
    expect((await verifyEventChain(db)).intact).toBe(true);
    await sql`delete from events where subject_id = '3'`.execute(db);
    expect(await verifyEventChain(db)).toMatchObject({ intact: false, brokenAt: ids[4]!.id });
    await sql`alter table events enable trigger events_append_only`.execute(db);
  });

  it('nothing is recorded when the change it describes rolls back', async () => {
    const { db } = database;
    const before = await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await recordEvent(trx, { type: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
