import { defaultAppealRights } from './appeal-rights';

describe('defaultAppealRights', () => {
  const rights = defaultAppealRights({ en: 'Example City AMR', zh: '示例市市场监督管理局' });
  const zh = rights.map((p) => p.zh).join('');
  const en = rights.map((p) => p.en).join(' ');

  it('states both remedies with their periods and articles, in both languages', () => {
    expect(zh).toContain('六十日内');
    expect(zh).toContain('《中华人民共和国行政复议法》第二十条');
    expect(zh).toContain('六个月内');
    expect(zh).toContain('《中华人民共和国行政诉讼法》第四十六条');
    expect(en).toContain('within 60 days');
    expect(en).toContain('art. 20');
    expect(en).toContain('within six months');
    expect(en).toContain('art. 46');
  });

  it('names the issuing authority in each language and says it is a template to confirm', () => {
    expect(zh).toContain('示例市市场监督管理局');
    expect(en).toContain('Example City AMR');
    expect(zh).toContain('模板');
    expect(en).toContain('template');
  });

  it('words a decision not to impose a penalty as such, without the no-suspension paragraph', () => {
    const none = defaultAppealRights({ en: 'Ningbo AMR', zh: '宁波市市场监督管理局' }, 'time-barred');
    expect(none[0].zh).toContain('本不予行政处罚决定');
    expect(none.map((p) => p.zh).join('')).not.toContain('不停止执行');
    expect(zh).toContain('不停止执行');
  });
});
