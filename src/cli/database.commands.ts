import { openConfiguredDatabase } from '../app.js';
import { loadConfig } from '../config/config.js';
import { migrateToLatest, migrationStatus } from '../db/migrate.js';
import { seedDemoData } from '../demo/demo-data.js';
import type { CliOutput } from './output.js';

export async function migrateCommand(output: CliOutput, options: { status?: boolean }): Promise<number> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    if (options.status) {
      const status = await migrationStatus(database.db);
      for (const name of status.applied) output.line(`applied  ${name}`);
      for (const name of status.pending) output.line(`pending  ${name}`);
      return 0;
    }
    const applied = await migrateToLatest(database.db);
    output.line(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}

export async function seedCommand(output: CliOutput): Promise<number> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const { seeded } = await seedDemoData(database.db);
    output.line(seeded ? 'Demo data created.' : 'Demo data is already present; nothing changed.');
    return 0;
  } finally {
    await database.close();
  }
}
