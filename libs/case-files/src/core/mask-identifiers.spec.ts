import { maskPersonalIdentifiers as mask, maskPersonalIdentifiersDeep } from './mask-identifiers';

describe('maskPersonalIdentifiers', () => {
  it.each([
    ['330203199001011234', '3302**********1234'],
    ['33020319900101123X', '3302**********123X'],
    ['ID 110105200012310018 at gate', 'ID 1101**********0018 at gate'],
    ['身份证330203199001011234号', '身份证3302**********1234号'],
    ['13812345678', '138****5678'],
    ['+86 13812345678', '+86 138****5678'],
    ['tel:19912345678;', 'tel:199****5678;'],
    ['zhang.san@example.com', 'z***@example.com'],
    ['Contact: li+face@mail.example.cn.', 'Contact: l***@mail.example.cn.'],
    ['name:张三', 'name:张*'],
    ['姓名=欧阳娜娜', '姓名=欧***'],
    ['{"name":"李四","card":"A1"}', '{"name":"李*","card":"A1"}'],
    ['姓名：王小明', '姓名：王**'],
    ['张三', '张*'],
    ['诸葛孔明', '诸***'],
  ])('masks %s as %s', (input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it.each([
    'P-0042',
    'EMP-330203',
    'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    '1234567890123456789', // 19 digits: not an ID number
    '330203199013011234', // month 13: not an ID number
    '23812345678', // not a mobile prefix
    '138123456789', // 12 digits
    'DEV-13812345678X', // part of a longer code
    '访客甲乙丙丁戊', // five Han characters and more: not a name by itself
    'CAM-01 / 入口',
  ])('leaves %s as it is', (input) => {
    expect(mask(input)).toBe(input);
  });

  it('is idempotent and leaves nothing of the hidden digits', () => {
    const inputs = ['330203199001011234', '13812345678', 'zhang.san@example.com', 'name:张三', '张三'];
    for (const i of inputs) expect(mask(mask(i))).toBe(mask(i));
    expect(mask('330203199001011234')).not.toContain('19900101');
    expect(mask('13812345678')).not.toContain('1234');
  });

  it('masks every string of a JSON value, keys untouched', () => {
    expect(
      maskPersonalIdentifiersDeep({
        subject: '13812345678',
        list: ['a@b.cn', 7, null],
        nested: { name: '张三' },
      }),
    ).toEqual({ subject: '138****5678', list: ['a***@b.cn', 7, null], nested: { name: '张*' } });
  });
});
