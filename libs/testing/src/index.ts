export {
  clearQueuePrefix,
  createTestPostgresDatabase,
  createTempDir,
  TEST_PG_ADMIN_URL,
  TEST_REDIS_URL,
} from './databases';
export { MovableClock } from './movable-clock';
