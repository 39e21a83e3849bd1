import { redactQuarantinedLine } from './redact-line';

describe('redactQuarantinedLine (issue 9, failure 9: quarantine minimisation)', () => {
  const face = 'iVBORw0KGgoAAAANSUhEUgAA'.repeat(40);
  const line = JSON.stringify({
    eventId: 'E1',
    deviceId: 'CAM-99',
    occurredAt: '2021-04-01T10:00:00+08:00',
    eventType: 'face_match',
    subjectRef: '330203199001011234',
    personName: '张三',
    phone: '13812345678',
    faceImage: face,
  });

  it('keeps field names and shapes, the failing non-personal value, never personal content', () => {
    const r = redactQuarantinedLine(line, 'deviceId');
    expect(JSON.parse(r)).toEqual({
      redacted: 'json',
      fields: {
        eventId: 'text(2)',
        deviceId: 'text(6)',
        occurredAt: 'text(25)',
        eventType: 'text(10)',
        subjectRef: 'text(18)',
        personName: 'text(2)',
        phone: 'text(11)',
        faceImage: `text(${face.length})`,
      },
      value: { deviceId: 'CAM-99' },
    });
    for (const secret of ['330203199001011234', '张三', '13812345678', 'iVBOR'])
      expect(r).not.toContain(secret);
  });

  it('never keeps the value of a personal failing field', () => {
    const r = JSON.parse(redactQuarantinedLine(line, 'subjectRef')) as Record<string, unknown>;
    expect(r.value).toBeUndefined();
    expect(JSON.parse(redactQuarantinedLine(line, 'phone'))).not.toHaveProperty('value');
  });

  it('reduces a CSV row to the shape of its columns', () => {
    const r = redactQuarantinedLine('C1,张三,13812345678,"a, b"', 'consentId');
    expect(JSON.parse(r)).toEqual({
      redacted: 'csv',
      columns: ['text(2)', 'text(2)', 'text(11)', 'text(4)'],
    });
  });

  it('reduces anything else to its length', () => {
    expect(JSON.parse(redactQuarantinedLine('{"name":"张三", broken', null))).toEqual({
      redacted: 'line',
      length: 20,
    });
    expect(JSON.parse(redactQuarantinedLine('13812345678', null))).toEqual({ redacted: 'line', length: 11 });
  });
});
