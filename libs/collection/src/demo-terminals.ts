import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DeviceEndpointRepository, RegistryRepository } from '@app/persistence';
import { DeviceSecret } from './credential-seal';
import { EndpointRegistryService } from './endpoint-registry.service';
import { TerminalSimulator } from './simulator/terminal-simulator';

/** One simulated terminal of the demo: where it listens and what it holds (seeded events from `from`, 2 minutes apart). */
export interface DemoTerminal {
  device: string;
  port: number;
  seed: number;
  from: string;
  password: string;
}

/** The demo's terminals, under the demo home (readable only by its owner: it holds the simulators' passwords). */
export const DEMO_TERMINALS_FILE = path.join('demo', 'terminals.json');
const DEVICES = ['DEMO-ISAPI-01', 'DEMO-ISAPI-02'];
const SPACING_MS = 2 * 60_000;
/** A day before registration and thirty after; later ones appear as their time comes (a terminal holds no future). */
const HISTORY_MS = 24 * 3600_000;
const EVENTS = (31 * 24 * 3600_000) / SPACING_MS;

/**
 * Simulated face terminals for `bioaudit demo`, so that `bioaudit serve` shows scheduled collection on a fresh
 * machine: the demo registers two loopback terminals of the example's firm (as `devices add` would, password sealed),
 * and serve runs their simulators on the registered ports. Each terminal's events are a function of its seed and
 * start, so a restarted serve offers the same events and collection stores nothing twice.
 */
@Injectable()
export class DemoTerminals {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: EndpointRegistryService,
    private readonly endpoints: DeviceEndpointRepository,
    private readonly firms: RegistryRepository,
  ) {}

  private get file(): string {
    return path.join(this.config.home, DEMO_TERMINALS_FILE);
  }

  /** Registers the demo terminals of `creditCode` once (a second demo finds them); their descriptions. */
  async register(creditCode: string, now: Date): Promise<DemoTerminal[]> {
    if (existsSync(this.file)) return this.read();
    const firm = await this.firms.findFirm(creditCode);
    const [site] = firm ? await this.endpoints.sitesOf(firm.id) : [];
    const terminals: DemoTerminal[] = [];
    for (const [i, device] of DEVICES.entries()) {
      terminals.push({
        device,
        port: await freePort(),
        seed: 4711 + i,
        from: new Date(now.getTime() - HISTORY_MS).toISOString(),
        password: randomBytes(12).toString('base64url'),
      });
    }
    for (const t of terminals) {
      await this.registry.add({
        creditCode,
        deviceCode: t.device,
        vendor: 'hikvision-isapi',
        url: `http://127.0.0.1:${t.port}`,
        username: 'admin',
        password: new DeviceSecret(t.password),
        siteCode: site?.siteCode,
        since: t.from,
        operator: 'demo',
      });
    }
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify(terminals, null, 2)}\n`, { mode: 0o600 });
    return terminals;
  }

  /**
   * Starts the demo's simulators on their registered ports, when this home has them; what listens, and what
   * could not (a port taken since the demo), and a stop.
   */
  async start(): Promise<{ running: string[]; failed: string[]; stop: () => Promise<void> }> {
    const sims: TerminalSimulator[] = [];
    const running: string[] = [];
    const failed: string[] = [];
    for (const t of existsSync(this.file) ? this.read() : []) {
      const sim = new TerminalSimulator({
        seed: t.seed,
        events: EVENTS,
        from: new Date(t.from),
        spacingMs: SPACING_MS,
        password: t.password,
      });
      try {
        const { url } = await sim.start(t.port);
        sims.push(sim);
        running.push(`${t.device} at ${url}`);
      } catch (e) {
        failed.push(`${t.device} (port ${t.port}: ${(e as Error).message})`);
      }
    }
    return { running, failed, stop: async () => void (await Promise.all(sims.map((s) => s.stop()))) };
  }

  private read(): DemoTerminal[] {
    return JSON.parse(readFileSync(this.file, 'utf8')) as DemoTerminal[];
  }
}

/** A loopback port free now (the system's choice), for a terminal the demo registers. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
