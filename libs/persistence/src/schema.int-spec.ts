import { migrate, pendingSchemaChanges, type Database } from './data-source';
import { openTestDatabase } from './persistence.testing';

/** The same migrations on both engines, and no drift between entities and migrations (CI gate). */
describe.each(['postgres', 'embedded'] as const)('schema on %s', (kind) => {
  let db: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(kind));
  }, 60_000);

  afterAll(async () => {
    await cleanup?.();
  });

  it('applies every migration once, then has nothing pending', async () => {
    expect(await migrate(db)).toEqual([
      'InitialSchema1764158400000',
      'BatchEntriesAndChunks1764165600000',
      'CaptureEventWithoutRowTriggers1764172800000',
      'AssessmentVersionsAndCaseDates1764600000000',
      'IngestConflicts1764700000000',
      'BatchLifeCycle1764800000000',
      'DeploymentIdentity1764810000000',
      'CustodyChain1764820000000',
      'SubjectIdentity1764830000000',
      'AccountsAndSessions1764900000000',
      'CaseProcedure1764910000000',
      'InspectionRuns1764920000000',
      'FindingListIndexes1764920001000',
      'ScopeIndexes1764930000000',
      'ScheduleRuns1764940000000',
      'DeviceEndpoints1764950000000',
      'Supervision1764960000000',
      'Retention1764970000000',
      'CaptureEventWritePath1764980000000',
      'CustodyRunDigests1764985000000',
      'EvaluationRuns1764995000000',
    ]);
    expect(await migrate(db)).toEqual([]);
  });

  it('matches the entities exactly (entities and migrations agree)', async () => {
    expect(await pendingSchemaChanges(db)).toEqual([]);
  });

  it('refuses to update or delete evidence and audit-log rows', async () => {
    const ds = db.dataSource;
    await ds.query(`INSERT INTO audit_log (actor, action, entity, details) VALUES ('t', 'test', 'x', '{}')`);
    await expect(ds.query(`UPDATE audit_log SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM capture_event`)).resolves.toBeDefined(); // no rows: nothing to refuse
  });
});
