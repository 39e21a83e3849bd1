import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AccountService } from '@app/auth';
import { isDomainError } from '@app/common';

/** One account of the demo bureau and its firm: who to sign in as to walk the example's case. */
export interface DemoAccount {
  username: string;
  password: string;
  roles: string[];
  what: string;
}

/** Where the demo keeps its accounts' passwords: inside the demo's own home, readable by its user only. */
export const demoAccountsFile = (home: string): string => path.join(home, 'demo', 'accounts.json');

/**
 * The bureau of the demo (Ningbo, region 3302) and the example firm: two certified inspectors, a legal
 * reviewer, a head, an admin, an observer and the firm's own account — every role of the procedure, so the
 * example's clue can be walked from filing to closing with four eyes. Created once per home with generated
 * passwords, kept in `demo/accounts.json` (0600) so `bioaudit serve` can say how to sign in. A demo home only:
 * real bureaus create their accounts with `bioaudit users add` (docs/operations.md).
 */
export async function ensureDemoAccounts(
  accounts: AccountService,
  home: string,
  firmCreditCode: string,
): Promise<DemoAccount[]> {
  const file = demoAccountsFile(home);
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[]) : [];
  const wanted = [
    {
      username: 'demo-li',
      displayName: '李执法',
      roles: ['inspector'],
      certificateNumber: '33020001',
      what: 'inspector (handler 1)',
    },
    {
      username: 'demo-wang',
      displayName: '王执法',
      roles: ['inspector'],
      certificateNumber: '33020002',
      what: 'inspector (handler 2)',
    },
    {
      username: 'demo-zhao',
      displayName: '赵法制',
      roles: ['legal_reviewer'],
      what: 'legal reviewer (法制审核)',
    },
    { username: 'demo-chen', displayName: '陈局长', roles: ['head'], what: 'head of the bureau (负责人)' },
    {
      username: 'demo-admin',
      displayName: '系统管理员',
      roles: ['admin'],
      what: 'accounts and keys, no case powers',
    },
    {
      username: 'demo-observer',
      displayName: '监督员',
      roles: ['observer'],
      what: 'read-only, with the audit log',
    },
    { username: 'demo-firm', displayName: '示例置业', roles: ['firm'], what: 'the example firm itself' },
  ];
  const out: DemoAccount[] = [];
  for (const w of wanted) {
    const had = kept.find((k) => k.username === w.username);
    if (had) {
      out.push(had);
      continue;
    }
    try {
      const { generatedPassword } = await accounts.create(
        {
          username: w.username,
          displayName: w.displayName,
          roles: w.roles,
          regionCode: w.roles.includes('firm') ? null : '3302',
          firmCreditCode: w.roles.includes('firm') ? firmCreditCode : null,
          certificateNumber: w.certificateNumber ?? null,
        },
        'demo',
      );
      out.push({ username: w.username, password: generatedPassword ?? '', roles: w.roles, what: w.what });
    } catch (e) {
      // Made by hand in this home before: keep it, its password is its owner's.
      if (isDomainError(e) && e.code === 'AUTH.USERNAME_TAKEN') continue;
      throw e;
    }
  }
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
  return out;
}

/** The demo's accounts as printed by `demo` and `serve` (nothing when the home holds no demo). */
export function demoAccountsText(home: string, url: string): string {
  const file = demoAccountsFile(home);
  if (!existsSync(file)) return '';
  const list = JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[];
  const width = Math.max(...list.map((a) => a.username.length));
  return (
    `Demo accounts (${file}; sign in to the portal at ${url}/, or use the API docs at ${url}/api/docs):\n` +
    list.map((a) => `  ${a.username.padEnd(width)}  ${a.password}  ${a.what}\n`).join('')
  );
}
