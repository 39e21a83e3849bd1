import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import { AccountService, parseDuration, TokenService } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';

@SubCommand({
  name: 'create',
  arguments: '<username>',
  description: "Issue a bearer token for an account (a person's token, or a firm's API key); printed once",
})
export class TokensCreateCommand extends CommandRunner {
  constructor(
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run([username]: string[], flags: { expires?: string; name?: string; json?: boolean }): Promise<void> {
    const lifetimeMs = flags.expires === undefined ? undefined : parseDuration(flags.expires);
    const owner = await this.accounts.byUsername(username);
    const { token, view } = await this.tokens.create(
      owner.id,
      { name: flags.name, lifetimeMs },
      this.config.operator,
    );
    if (flags.json) return printJson({ token, ...view });
    process.stderr.write(
      `token ${view.id} for ${view.username} ("${view.name}"), expires ${view.expiresAt}; shown once, keep it safe\n`,
    );
    process.stdout.write(`${token}\n`);
  }

  @Option({
    flags: '--expires <duration>',
    description: 'lifetime: <n>d, <n>h or <n>m (default 90d, at most 730d)',
  })
  parseExpires(v: string): string {
    return v;
  }

  @Option({ flags: '--name <name>', description: 'what the token is for' })
  parseName(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'revoke',
  arguments: '<id>',
  description: 'Revoke a token now (its next use is refused, 401)',
})
export class TokensRevokeCommand extends CommandRunner {
  constructor(
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run([id]: string[], flags: { json?: boolean }): Promise<void> {
    const view = await this.tokens.revoke(id, this.config.operator);
    if (flags.json) return printJson(view);
    process.stdout.write(`token ${view.id} of ${view.username} revoked at ${view.revokedAt}\n`);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'list',
  arguments: '[username]',
  description: 'Tokens (never the tokens themselves), newest first',
})
export class TokensListCommand extends CommandRunner {
  constructor(
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
  ) {
    super();
  }

  async run([username]: string[], flags: { json?: boolean }): Promise<void> {
    const userId = username === undefined ? null : (await this.accounts.byUsername(username)).id;
    const list = await this.tokens.list(userId);
    if (flags.json) return printJson(list);
    const lines = list.map(
      (t) =>
        `${t.id}\t${t.username}\t${t.name}\texpires ${t.expiresAt}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}`,
    );
    process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'no tokens\n');
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'tokens',
  description: 'Bearer tokens of the API: personal access tokens and firm API keys',
  subCommands: [TokensCreateCommand, TokensRevokeCommand, TokensListCommand],
})
export class TokensCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError(
        CLI_ERRORS.MISSING_SUBCOMMAND,
        'use `bioaudit tokens create <username>`, `bioaudit tokens revoke <id>` or `bioaudit tokens list`',
      ),
    );
  }
}
