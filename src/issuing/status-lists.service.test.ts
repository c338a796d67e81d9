import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { createStatusListsRepository } from './status-lists.repository.js';
import { createStatusListsService } from './status-lists.service.js';

describe('status lists: random positions, never reused, a new list when one fills', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.dispose());

  it('hands out every position of a small list once, then opens another', async () => {
    const { db } = app.database;
    const organisation = await buildOrganisation(db);
    // 16 entries instead of 131,072 so the list fills within the test.
    const lists = createStatusListsService({
      lists: createStatusListsRepository(db),
      keys: app.services.keys,
      organisationById: async () => undefined,
      documentLoader: app.services.documentLoader,
      publicUrl: 'http://localhost:3000',
      clock: () => new Date(),
      randomBytes,
      listLength: 16,
    });
    const first = await db.transaction().execute((trx) => lists.allocate(trx, organisation.id, 'revocation', 10));
    const second = await db.transaction().execute((trx) => lists.allocate(trx, organisation.id, 'revocation', 10));
    const all = [...first, ...second];
    const listIds = [...new Set(all.map((a) => a.listId))];
    expect(listIds).toHaveLength(2);
    const onFirstList = all.filter((a) => a.listId === listIds[0]).map((a) => a.index);
    expect(onFirstList).toHaveLength(16);
    expect(new Set(onFirstList).size).toBe(16);
    expect(onFirstList.every((i) => i >= 0 && i < 16)).toBe(true);
    // Random, not sequential: the first ten handed out are not simply 0..9.
    expect(first.map((a) => a.index)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const rows = await db.selectFrom('status_lists').select(['id', 'is_full', 'allocated_count']).where('organisation_id', '=', organisation.id).orderBy('created_at').execute();
    expect(rows.map((r) => [r.is_full, r.allocated_count])).toEqual([[true, 16], [false, 4]]);
  });
});
