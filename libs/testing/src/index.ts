export {
  clearQueuePrefix,
  createTestPostgresDatabase,
  createTempDir,
  TEST_PG_ADMIN_URL,
  TEST_REDIS_URL,
} from './databases';
export { MovableClock } from './movable-clock';
export {
  CookieJar,
  jarFetch,
  signInAtIdentityProvider,
  startTestIdentityProvider,
} from './identity-provider';
export type { TestIdentityProvider } from './identity-provider';
