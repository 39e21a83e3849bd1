import { logLevels } from './api-app';

describe('logLevels (LOG_LEVEL)', () => {
  it('keeps the level named and everything more severe', () => {
    expect(logLevels('error')).toEqual(['error']);
    expect(logLevels('log')).toEqual(['error', 'warn', 'log']);
    expect(logLevels('verbose')).toEqual(['error', 'warn', 'log', 'debug', 'verbose']);
  });
});
