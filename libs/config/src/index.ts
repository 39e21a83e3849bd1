export { loadConfig, describeConfig } from './app-config';
export type {
  AppConfig,
  AuthorityConfig,
  CaseFileLanguage,
  DatabaseConfig,
  OfficerConfig,
} from './app-config';
export { ConfigModule, APP_CONFIG } from './config.module';
export { EnvironmentVariables } from './env.dto';
