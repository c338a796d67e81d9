import { createApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { DEMO_PASSWORD, demoLogins, seedDemoData } from '../demo/demo-data.js';
import type { CliOutput } from './output.js';

/** Starts the server, seeds the demo on an empty database, and shuts down gracefully on SIGINT/SIGTERM. */
export async function serveCommand(output: CliOutput, options: { port?: string }): Promise<number> {
  const started = Date.now();
  const config = loadConfig(process.env, options.port ? { port: Number(options.port) } : {});
  const app = await createApp(config);
  if (config.demoData) {
    const { seeded } = await seedDemoData(app.database.db);
    if (seeded) printDemoLogins(output);
  }
  await app.listen();
  output.line(`Tessera is ready at ${config.publicUrl} (database: ${app.database.kind} ${app.database.location}; started in ${Date.now() - started} ms)`);
  output.line(`API reference: ${config.publicUrl}/docs`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      output.line(`${signal}: finishing in-flight requests (up to ${config.shutdownGraceMs} ms)…`);
      const deadline = setTimeout(() => {
        output.error('Shutdown took too long; exiting.');
        process.exit(1);
      }, config.shutdownGraceMs);
      deadline.unref();
      void app.close().then(resolve, (error: unknown) => {
        output.error(`Shutdown failed: ${String(error)}`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  output.line('Stopped.');
  return 0;
}

function printDemoLogins(output: CliOutput): void {
  output.line('Demo data created. Sign in with any of these (password for all: ' + DEMO_PASSWORD + '):');
  for (const login of demoLogins) output.line(`  ${login.email.padEnd(38)} ${login.role}`);
}
