import { cronWords } from './cron-words';

describe('cron in words', () => {
  it.each([
    ['0 2 * * *', { kind: 'daily', time: '02:00' }],
    ['30 7 * * *', { kind: 'daily', time: '07:30' }],
    ['15 * * * *', { kind: 'hourly', minute: 15 }],
    ['*/15 * * * *', { kind: 'everyMinutes', step: 15 }],
    ['*/1 * * * *', { kind: 'everyMinutes', step: 1 }],
    ['0 9 * * 1', { kind: 'weekly', weekday: 1, time: '09:00' }],
    ['0 9 * * 7', { kind: 'weekly', weekday: 0, time: '09:00' }],
    ['5 23 1 * *', { kind: 'monthly', day: 1, time: '23:05' }],
    ['  0   3 * * *  ', { kind: 'daily', time: '03:00' }],
  ])('says %s in words', (cron, words) => {
    expect(cronWords(cron)).toEqual(words);
  });

  it.each([
    '*/7 * * * *',
    '*/15 2 * * *',
    '*/0 * * * *',
    '0 2 * * 1-5',
    '0 2,14 * * *',
    '0 2 1 1 *',
    '0 2 1 * 1',
    '0 * 1 * *',
    '60 2 * * *',
    '0 24 * * *',
    '0 2 32 * *',
    '0 2 * *',
    '0 0 2 * * *',
  ])('leaves %s as the cron', (cron) => {
    expect(cronWords(cron)).toBeNull();
  });
});
