import { aplArticle, appealArticles } from '@app/law';
import { defaultAppealRights, type AppealArticleLabels } from './appeal-rights';

/** The labels the renderer takes from the legal table for a decision on `date`. */
function labels(date: string): AppealArticleLabels {
  const a = appealArticles(date);
  return {
    reconsideration: a.reconsideration.label,
    litigation: a.litigation!.label,
    noSuspension: aplArticle('noSuspension', date)!.label,
  };
}

describe('defaultAppealRights', () => {
  const authority = { en: 'Example City AMR', zh: '示例市市场监督管理局' };
  const rights = defaultAppealRights(authority, 'fine', labels('2024-06-01'));
  const zh = rights.map((p) => p.zh).join('');
  const en = rights.map((p) => p.en).join(' ');

  it('states both remedies with their periods and the articles in force at the decision, in both languages', () => {
    expect(zh).toContain('六十日内');
    expect(zh).toContain('《中华人民共和国行政复议法》第二十条');
    expect(zh).toContain('六个月内');
    expect(zh).toContain('《中华人民共和国行政诉讼法》第四十六条');
    expect(zh).toContain('《行政处罚法》第七十三条');
    expect(en).toContain('within 60 days');
    expect(en).toContain('Administrative Reconsideration Law of the PRC, art. 20');
    expect(en).toContain('within six months');
    expect(en).toContain('art. 46');
  });

  it('cites the reconsideration and penalty laws as they were before their revisions', () => {
    const before2024 = defaultAppealRights(authority, 'fine', labels('2022-10-01'));
    const text = before2024.map((p) => p.zh).join('');
    expect(text).toContain('《中华人民共和国行政复议法》第九条');
    expect(text).not.toContain('第二十条');
    expect(text).toContain('《行政处罚法》第七十三条');
    const before2021 = defaultAppealRights(authority, 'fine', labels('2021-04-21'));
    expect(before2021.map((p) => p.zh).join('')).toContain('《行政处罚法》（2017年修正）第四十五条');
  });

  it('names the issuing authority in each language and says it is a template to confirm', () => {
    expect(zh).toContain('示例市市场监督管理局');
    expect(en).toContain('Example City AMR');
    expect(zh).toContain('模板');
    expect(en).toContain('template');
  });

  it('words a decision not to impose a penalty as such, without the no-suspension paragraph', () => {
    const none = defaultAppealRights(
      { en: 'Ningbo AMR', zh: '宁波市市场监督管理局' },
      'time-barred',
      labels('2022-10-01'),
    );
    expect(none[0].zh).toContain('本不予行政处罚决定');
    expect(none.map((p) => p.zh).join('')).not.toContain('不停止执行');
    expect(zh).toContain('不停止执行');
  });
});
