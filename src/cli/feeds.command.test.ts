import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run, useCliEnvironment } from '../../test/support/cli.js';
import { openConfiguredDatabase } from '../app.js';
import { loadConfig } from '../config/config.js';

describe('tessera feeds harvest', () => {
  let environment: Awaited<ReturnType<typeof useCliEnvironment>>;
  beforeAll(async () => {
    environment = await useCliEnvironment('tessera-feeds-cli-');
  });
  afterAll(async () => environment?.restore());

  it('says so when there is nothing to harvest', async () => {
    const result = await run('feeds', 'harvest');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe('No feed subscriptions.');
  });

  it('exits 1 naming the feed that could not be read, and records the error on the subscription', async () => {
    // A subscription stored before the address rules tightened (or written by hand): the harvester checks
    // every address again and never contacts a private one.
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await database.db.insertInto('catalogue_feed_subscriptions').values({ feed_url: 'https://10.0.0.7/feeds/catalogue', refresh_minutes: 60 }).execute();
    } finally {
      await database.close();
    }
    const result = await run('feeds', 'harvest');
    expect(result.code).toBe(1);
    expect(result.out).toContain('https://10.0.0.7/feeds/catalogue: FAILED feeds.host_not_allowed');
    const again = await openConfiguredDatabase(loadConfig());
    try {
      const row = await again.db.selectFrom('catalogue_feed_subscriptions').select(['last_error', 'last_harvested_at']).executeTakeFirstOrThrow();
      expect(row.last_error).toMatch(/^feeds\.host_not_allowed: /);
      expect(row.last_harvested_at).not.toBeNull();
    } finally {
      await again.close();
    }
  });
});
