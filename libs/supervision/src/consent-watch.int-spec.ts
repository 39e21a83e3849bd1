import { createTempDir } from '@app/testing';
import { IngestService } from '@app/inspection';
import { FirmNoticeRepository } from '@app/persistence';
import { ConsentWatch } from './consent-watch.service';
import { capture, FIXTURE_FIRM, inspectionFolder } from './supervision-folders.testing';
import { startSupervisionApp, type SupervisionTestApp } from './supervision-app.testing';

describe.each(['embedded', 'postgres'] as const)('consent watch on %s', (kind) => {
  const home = createTempDir();
  let t: SupervisionTestApp;
  let watch: ConsentWatch;
  let notices: FirmNoticeRepository;
  const ingest = (folder: string) =>
    t.app.get(IngestService).ingestFolder(folder, { operator: 'officer-test' });

  beforeAll(async () => {
    // The fixture's C3 (P-withdrawn) was withdrawn on 2025-03-01 and C4 (P-expired) expired on 2025-02-01;
    // both subjects were captured again on 2025-04-01.
    t = await startSupervisionApp(kind, home.dir, { now: '2026-01-05' });
    watch = t.app.get(ConsentWatch);
    notices = t.app.get(FirmNoticeRepository);
    await ingest(inspectionFolder(home.dir, 'first'));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    home.remove();
  });

  it('notices each ended consent whose subject was captured after it ended, once', async () => {
    expect(await watch.targets()).toEqual([{ key: FIXTURE_FIRM, data: { creditCode: FIXTURE_FIRM } }]);
    expect((await watch.run({ creditCode: FIXTURE_FIRM })).summary).toEqual({
      firm: FIXTURE_FIRM,
      endedConsents: 2,
      capturesAfterEnd: 2,
      notices: 2,
      alreadyNoticed: 0,
    });
    const listed = await notices.noticesOf(FIXTURE_FIRM);
    expect(
      listed.map((n) => ({ consentId: n.consentId, period: n.period, ended: n.ended, captures: n.captures })),
    ).toEqual([
      { consentId: 'C4', period: '2025-04', ended: 'expired', captures: 1 },
      { consentId: 'C3', period: '2025-04', ended: 'withdrawn', captures: 1 },
    ]);
    expect(listed[1].message).toContain('2025-03-01T00:00:00+08:00');
    expect((await watch.run({ creditCode: FIXTURE_FIRM })).summary).toMatchObject({
      notices: 0,
      alreadyNoticed: 2,
    });
  });

  it('notices a later month of captures, but not the same month again', async () => {
    await ingest(
      inspectionFolder(home.dir, 'second', [
        capture('W1', 'P-withdrawn', '2025-04-20T09:00'),
        capture('W2', 'P-withdrawn', '2025-06-03T09:00'),
        capture('W3', 'P-withdrawn', '2025-06-04T09:00'),
      ]),
    );
    expect((await watch.run({ creditCode: FIXTURE_FIRM })).summary).toMatchObject({
      capturesAfterEnd: 5,
      notices: 1,
      alreadyNoticed: 2,
    });
    const [latest] = await notices.noticesOf(FIXTURE_FIRM);
    expect(latest).toMatchObject({ consentId: 'C3', period: '2025-06', ended: 'withdrawn', captures: 2 });
  }, 60_000);

  it('does not notice a consent that has not ended yet by the clock', async () => {
    t.clock.setBeijingDay('2025-02-15'); // C4 has expired, C3 is not yet withdrawn
    expect((await watch.run({ creditCode: FIXTURE_FIRM })).summary).toMatchObject({
      endedConsents: 1,
      capturesAfterEnd: 0,
    });
  });
});
