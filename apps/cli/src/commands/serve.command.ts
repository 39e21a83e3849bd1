import { Command, CommandRunner } from 'nest-commander';
import { DemoTerminals } from '@app/collection';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { InProcessScheduler } from '@app/schedules';
import { createApiApp } from '../../../api/src/api-app';
import { portalRoot } from '../../../api/src/portal/portal-static';
import { demoAccountsText } from './demo-accounts';

/**
 * `bioaudit serve`: the web portal (at /) and the HTTP API (at /api) in this process, on the configuration of
 * the environment. It opens the database itself (the CLI module does not, so the embedded database's lock is taken once), migrates the
 * embedded database as other commands do (a PostgreSQL server must have been migrated: DB.NOT_MIGRATED), and
 * runs until SIGINT or SIGTERM, then closes cleanly: requests in flight finish, the database closes.
 * Without Redis (and unless BIOAUDIT_SCHEDULES=off) it also runs the schedules in-process, stopped before the
 * app closes; with Redis the workers schedule, never an API process. On a demo home it also runs the demo's
 * simulated terminals (`bioaudit demo` registered them), so collection has something to collect.
 */
@Command({
  name: 'serve',
  description:
    'Start the web portal and the HTTP API (and its OpenAPI docs) on HOST:PORT, default 127.0.0.1:3000',
})
export class ServeCommand extends CommandRunner {
  async run(): Promise<void> {
    const config = loadConfig();
    for (const w of config.warnings) process.stderr.write(`bioaudit: warning: ${w}\n`);
    const app = await createApiApp(config);
    const scheduler = !config.redis && config.schedules.inProcess ? app.get(InProcessScheduler) : null;
    let terminals: Awaited<ReturnType<DemoTerminals['start']>> | null = null;
    try {
      await app.get(SchemaService).ready();
      await app.listen(config.api.port, config.api.host);
      const url = (await app.getUrl()).replace('[::1]', 'localhost');
      const portal = portalRoot() ? `portal at ${url}/` : 'portal not built (npm run build)';
      process.stdout.write(
        `bioaudit: ${portal} · API at ${url}/api (OpenAPI ${url}/api/docs, health ${url}/health) on the ${config.database.kind} database; Ctrl-C stops it\n`,
      );
      process.stdout.write(demoAccountsText(config.home, url));
      terminals = await app.get(DemoTerminals).start();
      if (terminals.running.length > 0) {
        process.stdout.write(`bioaudit: demo terminals simulated: ${terminals.running.join(', ')}\n`);
      }
      for (const f of terminals.failed)
        process.stderr.write(`bioaudit: warning: demo terminal not simulated: ${f}\n`);
      if (scheduler) {
        scheduler.start();
        const next = scheduler
          .nextFires()
          .map((f) => `${f.name} next at ${f.at.toISOString()}`)
          .join(', ');
        process.stdout.write(
          `bioaudit: schedules run in-process (${config.schedules.timeZone}): ${next || 'none defined'}\n`,
        );
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    } finally {
      await scheduler?.stop();
      await terminals?.stop();
      await app.close();
    }
  }
}
