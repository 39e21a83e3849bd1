import { adaptDahuaRecord, parseDahuaLine } from './dahua';
import { adaptHikCentralRow } from './hikcentral';
import { adaptHikvisionPush, adaptHikvisionSearchItem } from './hikvision';
import { adaptZktecoAttlog, adaptZktecoRtlog, splitRtlogLine } from './zkteco';

const ctx = { deviceId: 'D-1' };
const kindOf = (a: ReturnType<typeof adaptHikvisionSearchItem>) =>
  a.kind === 'fields' ? a.fields.eventType : a.kind === 'skip' ? a.code : a.rejection.code;

describe('Hikvision minor codes', () => {
  it.each([
    [75, '7', 'face_match'],
    [77, '7', 'face_match'],
    [105, '', 'face_match'],
    [76, '7', 'face_match_failed'],
    [76, '', 'stranger'],
    [78, '7', 'face_match_failed'],
    [80, '', 'stranger'],
    [1043, '7', 'face_capture'],
    [1, '7', 'INGEST.SKIPPED_NON_FACE_EVENT'],
    [38, '7', 'INGEST.SKIPPED_NON_FACE_EVENT'],
    [22, '', 'INGEST.SKIPPED_NON_FACE_EVENT'],
  ])('minor %i with employee "%s" -> %s', (minor, employeeNoString, expected) => {
    expect(kindOf(adaptHikvisionSearchItem({ major: 5, minor, employeeNoString, time: 't' }, ctx))).toBe(
      expected,
    );
  });

  it('skips alarms, exceptions and operations, and rejects unreadable codes', () => {
    expect(kindOf(adaptHikvisionSearchItem({ major: 3, minor: 75 }, ctx))).toBe(
      'INGEST.SKIPPED_NON_FACE_EVENT',
    );
    expect(kindOf(adaptHikvisionSearchItem({ major: '5', minor: '75', time: 't' }, ctx))).toBe('face_match');
    expect(adaptHikvisionSearchItem({ major: 5 }, ctx)).toEqual({
      kind: 'reject',
      rejection: { code: 'INGEST.MISSING_FIELD', field: 'minor', message: 'minor is required' },
    });
    expect(kindOf(adaptHikvisionSearchItem({ major: 5.5, minor: 75 }, ctx))).toBe('INGEST.BAD_VALUE');
  });

  it('never keeps a subject on a stranger, and reads mask yes/no only', () => {
    const a = adaptHikvisionSearchItem({ major: 5, minor: 80, employeeNoString: ' ', mask: 'unknown' }, ctx);
    expect(a).toMatchObject({
      kind: 'fields',
      fields: { eventType: 'stranger', subjectRef: null, masked: null },
    });
  });

  it('takes the push device from deviceID unless the manifest names one', () => {
    const push = {
      eventType: 'AccessControllerEvent',
      deviceID: 'DEV-A',
      dateTime: 't',
      AccessControllerEvent: { majorEventType: 5, subEventType: 75 },
    };
    expect(adaptHikvisionPush(push, { deviceId: null })).toMatchObject({ fields: { deviceId: 'DEV-A' } });
    expect(adaptHikvisionPush(push, ctx)).toMatchObject({ fields: { deviceId: 'D-1' } });
    expect(kindOf(adaptHikvisionPush({ eventType: 'AccessControllerEvent' }, ctx))).toBe(
      'INGEST.MISSING_FIELD',
    );
    expect(kindOf(adaptHikvisionPush({ eventType: 'VMD' }, ctx))).toBe('INGEST.SKIPPED_NON_FACE_EVENT');
  });
});

describe('HikCentral event types', () => {
  it.each([
    [196893, 'P', 'face_match'],
    [197151, 'P', 'face_match_failed'],
    [197151, '', 'stranger'],
    [198914, 'P', 'INGEST.SKIPPED_NON_FACE_EVENT'],
  ])('%i with person "%s" -> %s', (eventType, personId, expected) => {
    expect(kindOf(adaptHikCentralRow({ eventType: String(eventType), personId }, ctx))).toBe(expected);
  });
  it('rejects a missing event type', () => {
    expect(kindOf(adaptHikCentralRow({ eventType: '' }, ctx))).toBe('INGEST.MISSING_FIELD');
  });
});

describe('Dahua', () => {
  it('reads record lines, found= and anything else', () => {
    expect(parseDahuaLine('records[12].UserID=a=b')).toEqual({
      kind: 'field',
      index: 12,
      field: 'UserID',
      value: 'a=b',
    });
    expect(parseDahuaLine('found=3')).toEqual({ kind: 'found', count: '3' });
    expect(parseDahuaLine('records[x].A=1')).toEqual({ kind: 'other' });
  });

  it('prefers CreateTimeRealUTC, else reads CreateTime as device wall clock, else passes text through', () => {
    const base = { Method: '15', Status: '1', UserID: 'u' };
    expect(
      adaptDahuaRecord({ ...base, CreateTimeRealUTC: '1740787964', CreateTime: '1' }, ctx),
    ).toMatchObject({
      fields: { occurredAt: '2025-03-01T00:12:44.000Z' },
    });
    expect(adaptDahuaRecord({ ...base, CreateTime: '1740816764' }, ctx)).toMatchObject({
      fields: { occurredAt: '2025-03-01T08:12:44' },
    });
    expect(adaptDahuaRecord({ ...base, CreateTime: '2025-03-01 08:12:44' }, ctx)).toMatchObject({
      fields: { occurredAt: '2025-03-01 08:12:44' },
    });
  });

  it('skips non-face methods and needs a Status', () => {
    expect(kindOf(adaptDahuaRecord({ Method: '16', Status: '1' }, ctx))).toBe(
      'INGEST.SKIPPED_NON_FACE_EVENT',
    );
    expect(kindOf(adaptDahuaRecord({ Method: '15' }, ctx))).toBe('INGEST.MISSING_FIELD');
  });
});

describe('ZKTeco', () => {
  it.each([15, 16, 17, 18])('reads ATTLOG Verify %i as a face match', (v) => {
    expect(kindOf(adaptZktecoAttlog({ PIN: '1', Time: 't', Verify: String(v) }, ctx))).toBe('face_match');
  });
  it.each([0, 1, 2, 4, 25])('skips ATTLOG Verify %i', (v) => {
    expect(kindOf(adaptZktecoAttlog({ PIN: '1', Time: 't', Verify: String(v) }, ctx))).toBe(
      'INGEST.SKIPPED_NON_FACE_EVENT',
    );
  });
  it('splits rtlog pairs, keeping = inside values and dropping parts without a key', () => {
    expect(splitRtlogLine('time=2025-03-01 08:00:00\tjunk\tpin=a=b\t=x')).toEqual({
      time: '2025-03-01 08:00:00',
      pin: 'a=b',
    });
  });
  it('reads rtlog pin 0 as nobody', () => {
    expect(adaptZktecoRtlog({ verifytype: '15', event: '0', pin: '0', time: 't' }, ctx)).toMatchObject({
      fields: { eventType: 'face_match', subjectRef: null },
    });
  });
});
