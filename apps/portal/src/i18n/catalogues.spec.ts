import { CASE_STATES } from '../cases/case-labels';
import { REASON_CODES } from '../findings/finding-labels';
import { resources } from './resources';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/**
 * Every visible string exists in both languages (keys used in code are checked by the portal's type check against
 * the English catalogue; this checks Chinese has exactly the same keys, nothing is empty, and both fill the same
 * placeholders).
 */
describe('the portal catalogues', () => {
  const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

  it('have the same namespaces in both languages', () => {
    expect(Object.keys(resources['zh-CN']).sort()).toEqual([...namespaces].sort());
  });

  it.each(namespaces)('%s: the same keys, none empty, the same placeholders', (ns) => {
    const en = leaves(resources.en[ns]);
    const zh = leaves(resources['zh-CN'][ns]);
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
    for (const [key, text] of en) {
      expect({ key, en: text.trim().length > 0, zh: (zh.get(key) ?? '').trim().length > 0 }).toEqual({
        key,
        en: true,
        zh: true,
      });
      expect({ key, vars: variables(zh.get(key) ?? '') }).toEqual({ key, vars: variables(text) });
    }
  });

  // Codes the pages turn into keys at run time (the type check cannot see those): every code has its name.
  it.each([
    ['cases', 'state', CASE_STATES],
    ['findings', 'reasons', REASON_CODES],
  ] as const)('%s.%s names every code', (ns, group, codes) => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const names = (resources[lang][ns] as unknown as Record<string, Record<string, string>>)[group];
      expect(codes.filter((c) => !names?.[c])).toEqual([]);
    }
  });
});
