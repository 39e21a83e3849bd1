import { describeConfig, loadConfig } from './app-config';

describe('schedules configuration', () => {
  it('defaults to the bureau in Asia/Shanghai, in-process schedules on, no webhook', () => {
    expect(loadConfig({}).schedules).toEqual({
      timeZone: 'Asia/Shanghai',
      inProcess: true,
      alertWebhookUrl: null,
    });
  });

  it('takes an IANA zone, `off`, and an http(s) webhook (kept out of the description: it may carry a token)', () => {
    const config = loadConfig({
      BIOAUDIT_TIMEZONE: 'Europe/Berlin',
      BIOAUDIT_SCHEDULES: 'off',
      BIOAUDIT_ALERT_WEBHOOK_URL: 'http://127.0.0.1:9000/hook?token=abc',
    });
    expect(config.schedules).toEqual({
      timeZone: 'Europe/Berlin',
      inProcess: false,
      alertWebhookUrl: 'http://127.0.0.1:9000/hook?token=abc',
    });
    expect(JSON.stringify(describeConfig(config))).not.toContain('token=abc');
  });

  it('refuses a zone that is not one, and a webhook that is not an http(s) URL, naming both', () => {
    expect(() =>
      loadConfig({ BIOAUDIT_TIMEZONE: 'China/Beijing', BIOAUDIT_ALERT_WEBHOOK_URL: 'ftp://example.org/x' }),
    ).toThrow(/BIOAUDIT_TIMEZONE: .*IANA time zone.*BIOAUDIT_ALERT_WEBHOOK_URL: .*http/);
  });
});
