import { loadConfig } from './app-config';

describe('supervision configuration', () => {
  it('opens a clue from one new finding, warns three working days ahead and keeps closed cases a year by default', () => {
    expect(loadConfig({}).supervision).toEqual({
      clueThreshold: 1,
      deadlineNearWorkingDays: 3,
      retentionDays: 365,
    });
  });

  it('reads the threshold, the near window and the retention', () => {
    expect(
      loadConfig({
        BIOAUDIT_CLUE_THRESHOLD: '25',
        BIOAUDIT_DEADLINE_NEAR_WORKING_DAYS: '5',
        BIOAUDIT_RETENTION_DAYS: '730',
      }).supervision,
    ).toEqual({ clueThreshold: 25, deadlineNearWorkingDays: 5, retentionDays: 730 });
  });

  it('refuses a threshold below one and a near window that is not a whole number', () => {
    expect(() => loadConfig({ BIOAUDIT_CLUE_THRESHOLD: '0' })).toThrow(/BIOAUDIT_CLUE_THRESHOLD/);
    expect(() => loadConfig({ BIOAUDIT_DEADLINE_NEAR_WORKING_DAYS: '2.5' })).toThrow(
      /BIOAUDIT_DEADLINE_NEAR_WORKING_DAYS/,
    );
  });

  it('refuses a retention of no days or of a fraction of a day', () => {
    expect(() => loadConfig({ BIOAUDIT_RETENTION_DAYS: '0' })).toThrow(/BIOAUDIT_RETENTION_DAYS/);
    expect(() => loadConfig({ BIOAUDIT_RETENTION_DAYS: '1.5' })).toThrow(/BIOAUDIT_RETENTION_DAYS/);
  });
});
