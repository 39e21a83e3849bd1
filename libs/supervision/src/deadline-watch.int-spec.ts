import { createTempDir } from '@app/testing';
import { PRC_WORKING_CALENDAR } from '@app/procedure';
import {
  AccountRepository,
  CaseProcedureRepository,
  DeadlineTaskRepository,
  RegistryRepository,
} from '@app/persistence';
import { DeadlineWatch } from './deadline-watch.service';
import { startSupervisionApp, type SupervisionTestApp } from './supervision-app.testing';

const FIRM = '91330201MA2GT00012';
const CLUE_DATE = '2026-03-02';

describe.each(['embedded', 'postgres'] as const)('deadline watch on %s', (kind) => {
  const home = createTempDir();
  let t: SupervisionTestApp;
  let watch: DeadlineWatch;
  let tasks: DeadlineTaskRepository;
  let caseId: string;
  let caseNumber: string;
  const users: Record<string, string> = {};
  // The clue's filing window: 15 working days from the clue (市场监管行政处罚程序规定 art. 18).
  const due = PRC_WORKING_CALENDAR.addWorkingDays(CLUE_DATE, 15);

  beforeAll(async () => {
    t = await startSupervisionApp(kind, home.dir, { now: CLUE_DATE });
    watch = t.app.get(DeadlineWatch);
    tasks = t.app.get(DeadlineTaskRepository);
    const accounts = t.app.get(AccountRepository);
    const user = async (username: string, roles: string[], regionCode: string | null) => {
      const row = await accounts.insert({
        username,
        displayName: username,
        passwordHash: 'not-a-password',
        roles,
        regionCode,
        firmCreditCode: null,
        certificateNumber: roles.includes('inspector') ? `ZJ-${username}` : null,
      });
      users[username] = row!.id;
    };
    await user('handler', ['inspector'], '330201');
    await user('head-ningbo', ['head'], '3302');
    await user('head-province', ['head'], null);
    await user('head-hangzhou', ['head'], '3301');
    const firmId = await t.app.get(RegistryRepository).upsertFirm({
      creditCode: FIRM,
      name: 'Ningbo test firm',
      region: 'CN-ZJ',
      timezone: 'Asia/Shanghai',
    });
    const procedures = t.app.get(CaseProcedureRepository);
    ({ id: caseId, caseNumber } = await procedures.openClue({
      firmId,
      creditCode: FIRM,
      description: 'a clue to watch',
      clueDate: CLUE_DATE,
      discoveryDate: CLUE_DATE,
      conductEndDate: null,
      partyAddress: null,
      openedBy: 'officer-test',
      openedAt: new Date(`${CLUE_DATE}T02:00:00Z`),
    }));
    await procedures.withLockedCase(caseId, {}, (tx) =>
      tx.replaceHandlers([{ actorId: users.handler, certificateNumber: 'ZJ-handler' }], 0),
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    home.remove();
  });

  it('lists the open case as a target and raises nothing while the window is far', async () => {
    expect(await watch.targets()).toEqual([{ key: caseNumber, data: { caseId } }]);
    expect((await watch.run({ caseId })).summary).toMatchObject({ raised: [], alreadyRaised: 0 });
    expect(await tasks.tasksOfCase(caseId)).toEqual([]);
  });

  it('raises a near task once for the handlers and the heads covering the region', async () => {
    t.clock.setBeijingDay(PRC_WORKING_CALENDAR.addWorkingDays(CLUE_DATE, 13));
    expect((await watch.run({ caseId })).summary).toMatchObject({
      raised: [{ deadline: 'filing', due, kind: 'near' }],
      alreadyRaised: 0,
    });
    expect((await watch.run({ caseId })).summary).toMatchObject({ raised: [], alreadyRaised: 1 });
    t.clock.setBeijingDay(PRC_WORKING_CALENDAR.addWorkingDays(CLUE_DATE, 14));
    expect((await watch.run({ caseId })).summary).toMatchObject({ raised: [], alreadyRaised: 1 });
    const [task] = await tasks.tasksOfCase(caseId);
    expect(task).toMatchObject({ caseNumber, deadlineId: 'filing', due, kind: 'near', holder: 'authority' });
    expect([...task.assignees].sort()).toEqual(
      [users.handler, users['head-ningbo'], users['head-province']].sort(),
    );
  });

  it('raises a past task once the window has lapsed, once', async () => {
    t.clock.setBeijingDay(PRC_WORKING_CALENDAR.addWorkingDays(CLUE_DATE, 16));
    expect((await watch.run({ caseId })).summary).toMatchObject({
      raised: [{ deadline: 'filing', due, kind: 'past' }],
    });
    expect((await watch.run({ caseId })).summary).toMatchObject({ raised: [], alreadyRaised: 1 });
    expect((await tasks.tasksFor(users.handler)).map((x) => x.kind)).toEqual(['near', 'past']);
    expect((await tasks.tasksFor(users['head-ningbo'])).map((x) => x.kind)).toEqual(['near', 'past']);
    expect(await tasks.tasksFor(users['head-hangzhou'])).toEqual([]);
  });

  it('leaves a closed case alone', async () => {
    await t.db.dataSource.query(`UPDATE "case" SET state = 'withdrawn' WHERE id = $1`, [caseId]);
    expect(await watch.targets()).toEqual([]);
    expect((await watch.run({ caseId })).summary).toEqual({
      case: caseNumber,
      skipped: 'the case is withdrawn',
    });
  });
});
