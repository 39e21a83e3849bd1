/**
 * A farm of simulated face terminals for `bench/schedules`, in its own process so that serving them does not share
 * the collector's thread: `node dist/bench/schedules/terminal-farm.js <terminals> <events> <fromIso> <spacingMs>`
 * prints one JSON line (the terminals' URLs) once all listen, and serves until SIGTERM.
 */
import { TerminalSimulator } from '@app/collection';

export const FARM_PASSWORD = 'bench-terminal-1';

async function main(): Promise<void> {
  const [terminals, events, from, spacingMs] = process.argv.slice(2);
  const sims: TerminalSimulator[] = [];
  for (let i = 0; i < Number(terminals); i++) {
    const sim = new TerminalSimulator({
      seed: 1000 + i,
      events: Number(events),
      from: new Date(from),
      spacingMs: Number(spacingMs),
      password: FARM_PASSWORD,
      faceShare: 1,
    });
    await sim.start();
    sims.push(sim);
  }
  process.stdout.write(`${JSON.stringify(sims.map((s) => s.url))}\n`);
  process.once('SIGTERM', () => void Promise.all(sims.map((s) => s.stop())).then(() => process.exit(0)));
}

if (require.main === module) void main();
