import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError, isDomainError } from '@app/common';
import {
  COLLECTION_ERRORS,
  CollectionError,
  CollectionService,
  DeviceSecret,
  EndpointRegistryService,
  TERMINAL_PROTOCOLS,
  type EndpointView,
} from '@app/collection';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';
import { passwordFromStdin } from './users.command';

interface AddFlags {
  firm?: string;
  device?: string;
  vendor?: string;
  url?: string;
  username?: string;
  passwordStdin?: boolean;
  site?: string;
  since?: string;
  json?: boolean;
}

function required<T>(value: T | undefined, flag: string, field: string): T {
  if (value === undefined || value === '') {
    throw new CollectionError(COLLECTION_ERRORS.BAD_INPUT, `${flag} is required`, { field });
  }
  return value;
}

@SubCommand({
  name: 'add',
  description:
    'Register a terminal to collect from (the password is read from stdin with --password-stdin, sealed, never shown): --firm <creditCode> --device <id> --vendor hikvision-isapi|dahua-cgi --url http://host:port --username <user> --password-stdin [--site <siteId>] [--since <date>]',
})
export class DevicesAddCommand extends CommandRunner {
  constructor(private readonly registry: EndpointRegistryService) {
    super();
  }

  async run(_: string[], flags: AddFlags): Promise<void> {
    const creditCode = required(flags.firm, '--firm <creditCode>', 'firm');
    const deviceCode = required(flags.device, '--device <deviceId>', 'device');
    const vendor = required(flags.vendor, `--vendor <${TERMINAL_PROTOCOLS.join('|')}>`, 'vendor');
    const url = required(flags.url, '--url <http://host:port>', 'url');
    const username = required(flags.username, '--username <user>', 'username');
    if (!flags.passwordStdin) {
      throw new CollectionError(
        COLLECTION_ERRORS.BAD_INPUT,
        '--password-stdin is required: the password is read from stdin, never from the command line',
        { field: 'password' },
      );
    }
    const password = await passwordFromStdin();
    if (password === null) {
      throw new CollectionError(COLLECTION_ERRORS.BAD_INPUT, '--password-stdin: pipe the password on stdin', {
        field: 'password',
      });
    }
    const view = await this.registry.add({
      creditCode,
      deviceCode,
      vendor,
      url,
      username,
      password: new DeviceSecret(password),
      siteCode: flags.site,
      since: flags.since,
    });
    if (flags.json) return printJson(view);
    process.stdout.write(
      `terminal ${view.device} of ${view.firm} (endpoint ${view.id}): ${view.protocol} ${view.url} as ${view.username}; collecting from ${view.since ?? 'everything it holds'}\n`,
    );
  }

  @Option({ flags: '--firm <creditCode>', description: "the firm's unified social credit code" })
  parseFirm(v: string): string {
    return v;
  }

  @Option({
    flags: '--device <deviceId>',
    description: "the firm's own device id (created if the firm has not declared it)",
  })
  parseDevice(v: string): string {
    return v;
  }

  @Option({ flags: '--vendor <protocol>', description: `how to reach it: ${TERMINAL_PROTOCOLS.join(', ')}` })
  parseVendor(v: string): string {
    return v;
  }

  @Option({
    flags: '--url <url>',
    description: 'the terminal, http(s)://host:port (nothing else is ever requested)',
  })
  parseUrl(v: string): string {
    return v;
  }

  @Option({ flags: '--username <user>', description: 'the terminal account (digest authentication)' })
  parseUsername(v: string): string {
    return v;
  }

  @Option({ flags: '--password-stdin', description: 'read the password from stdin (required)' })
  parsePasswordStdin(): boolean {
    return true;
  }

  @Option({
    flags: '--site <siteId>',
    description: "the site of a new device (default: the firm's only site)",
  })
  parseSite(v: string): string {
    return v;
  }

  @Option({
    flags: '--since <date>',
    description: 'first collection from this date (default: everything the terminal holds)',
  })
  parseSince(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

function line(v: EndpointView): string {
  const state = v.lastError
    ? `last error: ${v.lastError}`
    : v.lastCollectedAt
      ? `collected ${v.lastCollectedAt}`
      : 'never collected';
  return `${v.id}\t${v.firm}\t${v.device}\t${v.protocol}\t${v.url}\t${v.username}\tcursor ${v.cursor ?? '-'}\t${v.enabled ? 'enabled' : 'disabled'}\t${state}`;
}

@SubCommand({ name: 'list', description: 'Registered terminals, by firm and device (never credentials)' })
export class DevicesListCommand extends CommandRunner {
  constructor(private readonly registry: EndpointRegistryService) {
    super();
  }

  async run(_: string[], flags: { firm?: string; json?: boolean }): Promise<void> {
    const list = await this.registry.list(flags.firm);
    if (flags.json) return printJson(list);
    process.stdout.write(list.length === 0 ? 'no terminals registered\n' : `${list.map(line).join('\n')}\n`);
  }

  @Option({ flags: '--firm <creditCode>', description: 'only this firm' })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({ name: 'remove', description: 'Stop collecting from a terminal (its device and evidence stay)' })
export class DevicesRemoveCommand extends CommandRunner {
  constructor(private readonly registry: EndpointRegistryService) {
    super();
  }

  async run(_: string[], flags: { firm?: string; device?: string; json?: boolean }): Promise<void> {
    const view = await this.registry.remove(
      required(flags.firm, '--firm <creditCode>', 'firm'),
      required(flags.device, '--device <deviceId>', 'device'),
    );
    if (flags.json) return printJson(view);
    process.stdout.write(`removed terminal ${view.device} of ${view.firm} (endpoint ${view.id})\n`);
  }

  @Option({ flags: '--firm <creditCode>', description: "the firm's credit code" })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--device <deviceId>', description: "the firm's device id" })
  parseDevice(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'collect',
  description:
    'Collect now from the registered terminals (of one firm, or one device), printing what each gave',
})
export class DevicesCollectCommand extends CommandRunner {
  constructor(
    private readonly registry: EndpointRegistryService,
    private readonly collector: CollectionService,
  ) {
    super();
  }

  async run(_: string[], flags: { firm?: string; device?: string; json?: boolean }): Promise<void> {
    if (flags.device !== undefined && flags.firm === undefined) {
      throw new CollectionError(COLLECTION_ERRORS.BAD_INPUT, '--device needs --firm <creditCode>', {
        field: 'firm',
      });
    }
    const targets = (await this.registry.list(flags.firm)).filter(
      (v) => v.enabled && (flags.device === undefined || v.device === flags.device),
    );
    if (flags.device !== undefined && targets.length === 0) {
      throw new CollectionError(
        COLLECTION_ERRORS.ENDPOINT_NOT_FOUND,
        `--device: ${flags.device} has no registered endpoint`,
        {
          field: 'device',
        },
      );
    }
    const results: Record<string, unknown>[] = [];
    let firstFailure: Error | null = null;
    for (const t of targets) {
      try {
        const r = await this.collector.collectDevice(t.id);
        results.push({ ...r.summary, ok: true, alerts: r.alerts ?? [] });
        if (!flags.json) {
          const s = r.summary;
          process.stdout.write(
            `${t.device} (${t.firm}): fetched ${String(s.fetched)} events in ${String(s.pages)} pages over ${String(s.windows)} windows; stored ${String(s.stored)} new, ${String(s.duplicates)} duplicates, ${String(s.skipped)} non-face skipped; cursor ${String(s.cursor)}\n`,
          );
        }
      } catch (e) {
        firstFailure ??= e instanceof Error ? e : new Error(String(e));
        const code = isDomainError(e) ? e.code : 'INTERNAL';
        results.push({
          endpoint: t.id,
          firm: t.firm,
          device: t.device,
          ok: false,
          code,
          message: (e as Error).message,
        });
        if (!flags.json)
          process.stdout.write(`${t.device} (${t.firm}): failed: ${code}: ${(e as Error).message}\n`);
      }
    }
    if (flags.json) printJson(results);
    else if (targets.length === 0) process.stdout.write('no terminals to collect from\n');
    // The exit code says a terminal failed; every terminal was still tried.
    if (firstFailure !== null) throw firstFailure;
  }

  @Option({ flags: '--firm <creditCode>', description: 'only this firm' })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--device <deviceId>', description: 'only this device (with --firm)' })
  parseDevice(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'devices',
  description: 'Face terminals collected from over their own interface (credentials sealed, never printed)',
  subCommands: [DevicesAddCommand, DevicesListCommand, DevicesRemoveCommand, DevicesCollectCommand],
})
export class DevicesCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError(
        CLI_ERRORS.MISSING_SUBCOMMAND,
        'use `bioaudit devices add`, `list`, `remove` or `collect`',
      ),
    );
  }
}
