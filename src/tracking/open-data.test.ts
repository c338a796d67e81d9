import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../test/support/factories.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { OPEN_DATA_FIGURES } from './dashboard.schema.js';
import { createOpenData, openDataCsv, suppress } from './open-data.js';

const MONTHS = ['2026-01', '2026-02', '2026-03'];
// Each export sees a new watermark, as if events had been folded since: no cached document is reused.
let refreshes = 0;

describe('open data: small cells suppressed', () => {
  let database: TestDatabase;
  let achievements: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    const organisation = await buildOrganisation(db);
    achievements = [];
    for (const [i, status] of (['published', 'published', 'draft'] as const).entries()) {
      const row = await db.insertInto('achievements').values({ organisation_id: organisation.id, slug: `open-data-${i}` }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('achievement_versions').values({ achievement_id: row.id, version: 1, status, definition: JSON.stringify({ title: `Open, data "${i}"` }) }).execute();
      achievements.push(row.id);
    }
  });
  afterAll(async () => database?.dispose());

  it('publishes no figure below k, and every figure it publishes is the true count (any counts, any k)', async () => {
    const { db } = database;
    const cell = fc.record({ achievement: fc.nat(2), month: fc.nat(MONTHS.length - 1), metric: fc.constantFrom(...OPEN_DATA_FIGURES), count: fc.integer({ min: 1, max: 40 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(cell, { selector: (c) => `${c.achievement} ${c.month} ${c.metric}`, maxLength: 40 }), fc.integer({ min: 5, max: 30 }), async (cells, k) => {
        await db.deleteFrom('tracking_achievement_monthly').execute();
        // One rollup row per achievement and month, holding its cells' figures (the rest zero).
        const byRow = new Map<string, { organisation_id: string; achievement_id: string; month: string } & Partial<Record<(typeof OPEN_DATA_FIGURES)[number], number>>>();
        for (const c of cells) {
          const key = `${c.achievement} ${c.month}`;
          byRow.set(key, { ...(byRow.get(key) ?? { organisation_id: 'o', achievement_id: achievements[c.achievement]!, month: `${MONTHS[c.month]}-01` }), [c.metric]: c.count });
        }
        if (byRow.size > 0) await db.insertInto('tracking_achievement_monthly').values([...byRow.values()]).execute();
        const openData = createOpenData({ db, clock: () => new Date('2026-03-15T00:00:00Z'), configuredK: 5, refresh: async () => ({ lastEventId: refreshes++ }) });
        const document = await openData.export({ from: '2026-01', to: '2026-03', k });
        const truth = new Map(cells.map((c) => [`${achievements[c.achievement]} ${MONTHS[c.month]} ${c.metric}`, c.count]));
        for (const row of document.rows) {
          // A draft-only achievement is not published at all.
          expect(row.achievementId).not.toBe(achievements[2]);
          for (const figure of OPEN_DATA_FIGURES) {
            const value = row[figure];
            if (value !== null) {
              expect(value).toBeGreaterThanOrEqual(k);
              expect(value).toBe(truth.get(`${row.achievementId} ${row.month} ${figure}`));
            } else {
              expect(truth.get(`${row.achievementId} ${row.month} ${figure}`) ?? 0).toBeLessThan(k);
            }
          }
        }
        // Every published cell of a published achievement appears.
        const shown = cells.filter((c) => c.achievement < 2 && c.count >= k).length;
        expect(document.rows.flatMap((r) => OPEN_DATA_FIGURES.map((f) => r[f])).filter((v) => v !== null)).toHaveLength(shown);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses k below 5 or below the configured threshold', async () => {
    const openData = createOpenData({ db: database.db, clock: () => new Date('2026-03-15T00:00:00Z'), configuredK: 10, refresh: async () => ({ lastEventId: refreshes++ }) });
    await expect(openData.export({ k: 4 })).rejects.toMatchObject({ code: 'tracking.k_too_small', status: 400 });
    await expect(openData.export({ k: 9 })).rejects.toMatchObject({ code: 'tracking.k_too_small', extensions: { minimum: 10 } });
    expect((await openData.export({ k: 12 })).k).toBe(12);
  });

  it('writes suppressed cells as empty CSV fields, quotes titles with commas and defuses formulas', () => {
    expect(suppress(9, 10)).toBeNull();
    expect(suppress(0, 10)).toBeNull();
    expect(suppress(10, 10)).toBe(10);
    const csv = openDataCsv([{ achievementId: 'a', achievementTitle: '=HYPERLINK("x"), "quoted"', organisation: 'org', month: '2026-01', enrolments: 12, completions: null, submissions: null, resubmissions: null, passed: null, returned: null, issued: 10, revoked: null, endorsements: null, verifications: null }]);
    expect(csv.split('\r\n')[1]).toBe(`a,"'=HYPERLINK(""x""), ""quoted""",org,2026-01,12,,,,,,10,,,`);
  });
});
