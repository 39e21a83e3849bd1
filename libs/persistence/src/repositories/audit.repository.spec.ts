import { parseCapturePage } from './audit.repository';

describe('parseCapturePage (COPY text format)', () => {
  it('reads NULL, escapes and the epoch', () => {
    const text =
      '1\tCAM-01\tP-1\t1585706400000\tvisitor_identification\n2\tCAM\\t2\t\\N\t1585706401000\t\\N\n3\tCAM-03\ta\\\\b\t1\tsecurity\n';
    expect(parseCapturePage(text)).toEqual([
      {
        id: 1,
        deviceId: 'CAM-01',
        subjectRef: 'P-1',
        occurredAt: 1585706400000,
        ownPurpose: 'visitor_identification',
      },
      { id: 2, deviceId: 'CAM\t2', subjectRef: null, occurredAt: 1585706401000, ownPurpose: null },
      { id: 3, deviceId: 'CAM-03', subjectRef: 'a\\b', occurredAt: 1, ownPurpose: 'security' },
    ]);
    expect(parseCapturePage('')).toEqual([]);
  });
});
