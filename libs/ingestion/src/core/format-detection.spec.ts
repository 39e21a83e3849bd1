import iconv from 'iconv-lite';
import { detectCaptureFormat } from './format-detection';

describe('detectCaptureFormat', () => {
  it.each([
    ['{"AcsEvent":{"InfoList":[]}}', 'x.json', 'hikvision-acs-search'],
    ['\uFEFF\n  {\n  "AcsEvent" : {', 'x.txt', 'hikvision-acs-search'],
    ['{"ipAddress":"192.0.2.1","eventType":"heartBeat"}', 'x', 'hikvision-acs-push'],
    ['[{"eventType":"AccessControllerEvent","AccessControllerEvent":{}}]', 'x', 'hikvision-acs-push'],
    ['{"deviceId":"D","occurredAt":"2025-01-01","eventType":"stranger"}', 'x', 'canonical-jsonl'],
    ['found=2\nrecords[0].Method=15', 'x', 'dahua-recordfinder'],
    ['records[0].CardName=\r\nrecords[0].Method=15', 'x', 'dahua-recordfinder'],
    ['time=2025-03-01 08:12:44\tpin=1\tevent=0', 'x', 'zkteco-rtlog'],
    ['1\t2025-03-01 08:12:44\t0\t15\t0\t0\t0', 'x', 'zkteco-attlog'],
    ['"eventId","eventTime","eventType"\r\n', 'x', 'hikcentral-csv'],
    ['deviceId,occurredAt,eventType', 'x', 'canonical-csv'],
    ['occurredAt;eventType', 'captures.csv.gz', 'canonical-csv'],
    ['', 'captures.jsonl', 'canonical-jsonl'],
  ])('reads %j (%s) as %s', (head, name, format) => {
    expect(detectCaptureFormat(head, name)).toBe(format);
  });

  it('finds ASCII markers in GBK bytes', () => {
    const bytes = iconv.encode(
      'eventId,eventName,eventTime,eventType\nE1,人脸认证通过,2025-03-01 08:00,196893\n',
      'gbk',
    );
    expect(detectCaptureFormat(bytes, 'export')).toBe('hikcentral-csv');
  });

  it.each([['\x89PNG\r\n\x1a\n'], ['hello world'], ['1\tnot a time\t0\t15']])('gives up on %j', (head) => {
    expect(detectCaptureFormat(head, 'export.dat')).toBeNull();
  });
});
