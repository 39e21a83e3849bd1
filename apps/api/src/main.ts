import 'reflect-metadata';
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

void main();
