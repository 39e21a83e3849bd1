import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import { AccountService, ROLES } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';

interface AddFlags {
  role?: string[];
  region?: string;
  firm?: string;
  certificate?: string;
  displayName?: string;
  json?: boolean;
}

/** The first line of a piped stdin (the password), or null when stdin is a terminal. */
export async function passwordFromStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string | null> {
  if (stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  return line.length > 0 ? line : null;
}

@SubCommand({
  name: 'add',
  arguments: '<username>',
  description:
    'Create an account (password from stdin when piped, else a generated one printed once): --role inspector,head --region 3302 --certificate <no>, or --role firm --firm <creditCode>',
})
export class UsersAddCommand extends CommandRunner {
  constructor(
    private readonly accounts: AccountService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run([username]: string[], flags: AddFlags): Promise<void> {
    if (!flags.role || flags.role.length === 0) {
      throw new DomainError(
        CLI_ERRORS.MISSING_OPTION,
        `--role <role[,role]> is required (${ROLES.join(', ')})`,
      );
    }
    const password = await passwordFromStdin();
    const { account, generatedPassword } = await this.accounts.create(
      {
        username,
        displayName: flags.displayName,
        roles: flags.role,
        regionCode: flags.region ?? null,
        firmCreditCode: flags.firm ?? null,
        certificateNumber: flags.certificate ?? null,
        ...(password !== null ? { password } : {}),
      },
      this.config.operator,
    );
    if (flags.json)
      return printJson({ ...account, ...(generatedPassword ? { password: generatedPassword } : {}) });
    const scope =
      account.firmCreditCode ?? (account.regionCode ? `region ${account.regionCode}` : 'bureau-wide');
    process.stdout.write(
      `user ${account.username} (id ${account.id}): ${account.roles.join(', ')}; ${scope}\n`,
    );
    // Shown once: it is stored only as its argon2id hash.
    if (generatedPassword) process.stdout.write(`password: ${generatedPassword}\n`);
  }

  @Option({
    flags: '--role <role[,role]>',
    description: `one or more of ${ROLES.join(', ')}`,
    required: true,
  })
  parseRole(v: string): string[] {
    return v
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
  }

  @Option({ flags: '--region <code>', description: 'division-code prefix the officer works in (e.g. 3302)' })
  parseRegion(v: string): string {
    return v;
  }

  @Option({ flags: '--firm <creditCode>', description: "a firm account's unified social credit code" })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--certificate <no>', description: "an inspector's enforcement certificate number" })
  parseCertificate(v: string): string {
    return v;
  }

  @Option({ flags: '--display-name <name>', description: 'the name shown (default: the username)' })
  parseDisplayName(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({ name: 'list', description: 'The accounts, by username (never passwords)' })
export class UsersListCommand extends CommandRunner {
  constructor(private readonly accounts: AccountService) {
    super();
  }

  async run(_: string[], flags: { json?: boolean }): Promise<void> {
    const users = await this.accounts.list();
    if (flags.json) return printJson(users);
    const lines = users.map((u) => {
      const scope = u.firmCreditCode ?? u.regionCode ?? '-';
      const state = u.disabled ? ' (disabled)' : u.lockedUntil ? ` (locked until ${u.lockedUntil})` : '';
      return `${u.id}\t${u.username}\t${u.roles.join(',')}\t${scope}\t${u.displayName}${state}`;
    });
    process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'no accounts\n');
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'users',
  description: 'Accounts of the API (officers, admins, observers, firms)',
  subCommands: [UsersAddCommand, UsersListCommand],
})
export class UsersCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError(CLI_ERRORS.MISSING_SUBCOMMAND, 'use `bioaudit users add` or `bioaudit users list`'),
    );
  }
}
