import { itemKey, readAcsEventPage } from './acs-event-page';

describe('readAcsEventPage', () => {
  it('reads a search page and a NO MATCH page without InfoList', () => {
    const body = Buffer.from(
      JSON.stringify({
        AcsEvent: {
          searchID: 'x',
          responseStatusStrg: 'OK',
          numOfMatches: 1,
          totalMatches: 1,
          InfoList: [{ serialNo: 7 }],
        },
      }),
    );
    expect(readAcsEventPage(body)).toMatchObject({
      ok: true,
      page: { status: 'OK', numOfMatches: 1, items: [{ serialNo: 7 }] },
    });
    const none = Buffer.from(
      '{"AcsEvent":{"searchID":"x","responseStatusStrg":"NO MATCH","numOfMatches":0,"totalMatches":0}}',
    );
    expect(readAcsEventPage(none)).toMatchObject({ ok: true, page: { items: [] } });
  });

  it.each([
    ['cut JSON', '{"AcsEvent":{"searchID":"x","respon', /not JSON/],
    ['another document', '{"ResponseStatus":{"statusCode":4}}', /no AcsEvent/],
    [
      'an unknown status',
      '{"AcsEvent":{"responseStatusStrg":"FAIL","numOfMatches":0,"totalMatches":0}}',
      /FAIL/,
    ],
    [
      'a count that disagrees',
      '{"AcsEvent":{"responseStatusStrg":"OK","numOfMatches":2,"totalMatches":2,"InfoList":[{}]}}',
      /InfoList holds 1/,
    ],
    [
      'a negative total',
      '{"AcsEvent":{"responseStatusStrg":"OK","numOfMatches":0,"totalMatches":-1}}',
      /whole numbers/,
    ],
  ])('refuses %s with the reason', (_, text, reason) => {
    const r = readAcsEventPage(Buffer.from(text));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('itemKey', () => {
  it('is the serialNo when there is one, else the whole item', () => {
    expect(itemKey({ serialNo: 48211 })).toBe('s:48211');
    expect(itemKey({ serialNo: '', minor: 75 })).toBe('j:{"serialNo":"","minor":75}');
  });
});
