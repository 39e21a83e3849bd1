import iconv from 'iconv-lite';
import { chooseEncoding, normaliseEncoding } from './encoding';

describe('chooseEncoding', () => {
  const chinese = '时间,设备,人员\n2025-03-01 08:12:44,门禁一号,访客甲\n'.repeat(3);

  it('reads byte-order marks first', () => {
    expect(chooseEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true)).toBe('utf-8');
    expect(chooseEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]), true)).toBe('utf-16le');
    expect(chooseEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]), true)).toBe('utf-16be');
  });

  it('keeps UTF-8 (and ASCII) as UTF-8, even when the sample cuts a character', () => {
    const utf8 = Buffer.from(chinese);
    expect(chooseEncoding(utf8, true)).toBe('utf-8');
    expect(chooseEncoding(utf8.subarray(0, 10), false)).toBe('utf-8');
    expect(chooseEncoding(Buffer.from('plain ascii'), true)).toBe('utf-8');
  });

  it('detects GBK and GB2312 text as GB18030', () => {
    expect(chooseEncoding(iconv.encode(chinese, 'gbk'), true)).toBe('gb18030');
    expect(chooseEncoding(iconv.encode(chinese, 'gb2312'), true)).toBe('gb18030');
    expect(chooseEncoding(iconv.encode(chinese, 'gb18030'), true)).toBe('gb18030');
  });
});

describe('normaliseEncoding', () => {
  it.each([
    ['UTF8', 'utf-8'],
    ['GBK', 'gb18030'],
    ['cp936', 'gb18030'],
    ['latin1', 'latin1'],
    ['klingon', null],
  ])('%s -> %s', (name, expected) => {
    expect(normaliseEncoding(name)).toBe(expected);
  });
});
