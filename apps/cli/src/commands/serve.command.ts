import { Command, CommandRunner } from 'nest-commander';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { createApiApp } from '../../../api/src/api-app';
import { demoAccountsText } from './demo-accounts';

/**
 * `bioaudit serve`: the HTTP API in this process, on the configuration of the environment. It opens the
 * database itself (the CLI module does not, so the embedded database's lock is taken once), migrates the
 * embedded database as other commands do (a PostgreSQL server must have been migrated: DB.NOT_MIGRATED), and
 * runs until SIGINT or SIGTERM, then closes cleanly: requests in flight finish, the database closes.
 */
@Command({
  name: 'serve',
  description: 'Start the HTTP API (and its OpenAPI docs) on HOST:PORT, default 127.0.0.1:3000',
})
export class ServeCommand extends CommandRunner {
  async run(): Promise<void> {
    const config = loadConfig();
    for (const w of config.warnings) process.stderr.write(`bioaudit: warning: ${w}\n`);
    const app = await createApiApp(config);
    try {
      await app.get(SchemaService).ready();
      await app.listen(config.api.port, config.api.host);
      const url = (await app.getUrl()).replace('[::1]', 'localhost');
      process.stdout.write(
        `bioaudit: API at ${url}/api (OpenAPI ${url}/api/docs, health ${url}/health) on the ${config.database.kind} database; Ctrl-C stops it\n`,
      );
      process.stdout.write(demoAccountsText(config.home, url));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    } finally {
      await app.close();
    }
  }
}
