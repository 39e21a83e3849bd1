export { loadConfig, describeConfig } from './app-config';
export type {
  AppConfig,
  AuthConfig,
  AuthorityConfig,
  CaseFileLanguage,
  DatabaseConfig,
  KeysConfig,
  OidcConfig,
  OfficerConfig,
  SchedulesConfig,
} from './app-config';
export { ConfigModule, APP_CONFIG } from './config.module';
export { EnvironmentVariables } from './env.dto';
export { CONFIG_ERRORS } from './config.errors';
export type { ConfigErrorCode } from './config.errors';
