import 'reflect-metadata';
import { isDomainError } from '@app/common';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { createApiApp } from './api-app';

/** The regulator's HTTP API on HOST:PORT (`bioaudit serve` runs the same app from the CLI). */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config, { shutdownHooks: true });
  // The embedded database is migrated on first use; a PostgreSQL server must have been migrated.
  await app.get(SchemaService).ready();
  await app.listen(config.api.port, config.api.host);
}

main().catch((error: unknown) => {
  // One line naming the code, as the CLI reports failures (a busy database, an unmigrated server).
  const reason = isDomainError(error) ? `${error.code}: ${error.message}` : `INTERNAL: ${String(error)}`;
  process.stderr.write(`bioaudit api: ${reason}\n`);
  process.exit(1);
});
