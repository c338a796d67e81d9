import { Command } from 'commander';
import { openServices } from '../app.js';
import type { HarvestReport } from '../catalog/feeds/feed-harvester.js';
import { loadConfig } from '../config/config.js';
import type { CliOutput } from './output.js';

type Run = (action: () => Promise<number>) => () => Promise<void>;

/** `tessera feeds harvest [id]`: harvest subscribed catalogue feeds now, as the scheduler would. */
export function feedsCommand(output: CliOutput, run: Run): Command {
  const feeds = new Command('feeds').description("other instances' catalogue feeds this instance subscribes to");
  feeds
    .command('harvest')
    .argument('[subscription]', 'subscription id (default: every subscription)')
    .description('harvest now; prints what changed and each rejected item; exit 1 when a feed could not be read')
    .action(async (id: string | undefined) => run(() => feedsHarvestCommand(output, id))());
  return feeds;
}

export async function feedsHarvestCommand(output: CliOutput, id: string | undefined): Promise<number> {
  const { services, close } = await openServices(loadConfig());
  try {
    const reports = await services.feeds.service.harvestAsSystem(id);
    if (reports.length === 0) output.line('No feed subscriptions.');
    for (const report of reports) printHarvest(output, report);
    return reports.some((report) => report.error !== null) ? 1 : 0;
  } finally {
    await close();
  }
}

function printHarvest(output: CliOutput, report: HarvestReport): void {
  if (report.error) output.line(`${report.feedUrl}: FAILED ${report.error.code}: ${report.error.message}`);
  else if (report.notModified) output.line(`${report.feedUrl}: not modified`);
  else output.line(`${report.feedUrl}: ${report.pages} page(s), ${report.items} item(s): ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.withdrawn} withdrawn`);
  for (const rejected of report.rejected) output.line(`  rejected page ${rejected.page} item ${rejected.index}: ${rejected.code}: ${rejected.message}`);
}
