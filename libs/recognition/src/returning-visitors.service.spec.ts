import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage, encodePng } from './image-decoder';
import { evaluateReturningVisitorsFile } from './returning-visitors.service';

const FACES = join(__dirname, 'fixtures', 'faces');

describe('evaluateReturningVisitorsFile', () => {
  it('finds the device id that merged two different people and counts the people', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bioaudit-visitors-'));
    await copyFile(join(FACES, 'astronaut.jpg'), join(dir, 'e1.jpg'));
    const astronaut = await decodeImage(join(FACES, 'astronaut.jpg'));
    // A darker second capture of the same person.
    await writeFile(
      join(dir, 'e2.png'),
      await encodePng({ ...astronaut, data: astronaut.data.map((v) => Math.round(v * 0.85)) }),
    );
    await copyFile(join(FACES, 'grace-hopper.jpg'), join(dir, 'e3.jpg'));
    await writeFile(
      join(dir, 'e4.png'),
      await encodePng({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 3).fill(90) }),
    );
    const list = join(dir, 'snapshots.csv');
    await writeFile(
      list,
      'eventId,path,visitorId\n1,e1.jpg,V-17\n2,e2.png,V-17\n3,e3.jpg,V-17\n4,e4.png,V-18\n',
    );

    const report = await evaluateReturningVisitorsFile(list, { threshold: 0.6, range: [0.3, 0.9] });
    expect(report.engine.embedder.model).toBe('faceres');
    expect(report.declaredVisitors).toBe(2);
    expect(report.declaredSamePairs).toMatchObject({ n: 3, errors: 2 });
    expect(report.estimate.people).toBe(2);
    expect(report.splitVisitors).toEqual([{ visitorId: 'V-17', snapshots: 3, people: 2 }]);
    expect(report.failuresToAcquire).toEqual(['e4.png']);
  }, 120_000);
});
