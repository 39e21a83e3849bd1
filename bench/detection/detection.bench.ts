/**
 * Throughput of the consent-coverage hot loop on a seeded synthetic workload. Build with `npm run build`,
 * run with `node dist/bench/detection/detection.bench.js [captures] [runs]`. Prints the median over runs.
 */
import { PURPOSES, type CapturePurpose, type ConsentMethod, type Purpose } from '@app/common';
import { ConsentIndex, FindingAccumulator, type CoverageCapture, type CoverageConsent } from '@app/detection';
import { consentLawSchedule } from '@app/law';

/** mulberry32: a small, well-known 32-bit PRNG; enough for a reproducible workload. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CAPTURES = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 7);
const SUBJECTS = 20_000;
const DEVICES = 12;
const SITES = 4;
const START = Date.UTC(2019, 3, 1);
const SPAN = 640 * 86_400_000;
const METHODS: ConsentMethod[] = ['written', 'written', 'electronic', 'verbal', 'notice_only'];

function workload(seed: number): { consents: CoverageConsent[]; captures: CoverageCapture[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const consents: CoverageConsent[] = [];
  let id = 1;
  for (let s = 0; s < SUBJECTS; s++) {
    const n = Math.floor(rnd() * 4); // 0..3 records: a quarter of subjects have none
    for (let k = 0; k < n; k++) {
      const givenAt = START + Math.floor(rnd() * SPAN);
      consents.push({
        id: id++,
        subjectRef: `P${s}`,
        givenAt,
        purposes: [pick(PURPOSES), pick(PURPOSES)] as Purpose[],
        method: pick(METHODS),
        separateConsent: rnd() < 0.8,
        guardianConsent: rnd() < 0.3,
        subjectBirthDate:
          rnd() < 0.1 ? `20${10 + Math.floor(rnd() * 9)}-0${1 + Math.floor(rnd() * 9)}-15` : null,
        withdrawnAt: rnd() < 0.15 ? givenAt + Math.floor(rnd() * SPAN) : null,
        expiresAt: rnd() < 0.15 ? givenAt + Math.floor(rnd() * SPAN) : null,
      });
    }
  }
  // As in real logs, a device has one declared purpose (some none) and a capture rarely states its own.
  const purposes: CapturePurpose[] = [...PURPOSES, 'unspecified'];
  const devicePurpose = Array.from({ length: DEVICES }, () => pick(purposes));
  const captures: CoverageCapture[] = [];
  for (let i = 0; i < CAPTURES; i++) {
    // Each subject is seen at the devices of one site (a visitor's sales office, a resident's gate).
    const subject = Math.floor(rnd() * SUBJECTS);
    const device = (subject % SITES) * (DEVICES / SITES) + Math.floor(rnd() * (DEVICES / SITES));
    captures.push({
      id: i + 1,
      deviceId: `D${device}`,
      subjectRef: rnd() < 0.1 ? null : `P${subject}`,
      occurredAt: START + Math.floor(rnd() * SPAN),
      purpose: rnd() < 0.05 ? pick(purposes) : devicePurpose[device],
    });
  }
  // Device logs are chronological and audits read them in that order, each row a fresh object: rebuild
  // the sorted captures so that memory order matches reading order, as it does for rows read from a page.
  captures.sort((a, b) => a.occurredAt - b.occurredAt || a.id - b.id);
  const chronological = captures.map((c) => ({
    ...c,
    deviceId: `D${c.deviceId.slice(1)}`,
    subjectRef: c.subjectRef === null ? null : `P${c.subjectRef.slice(1)}`,
  }));
  return { consents, captures: chronological };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock and CPU milliseconds of `f`; CPU time is the fairer figure when other work shares the cores. */
function timed<T>(f: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  const value = f();
  const wallMs = Number(process.hrtime.bigint() - w0) / 1e6;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

function main(): void {
  const { consents, captures } = workload(2021);
  const n = captures.length;
  const evaluate = { wall: [] as number[], cpu: [] as number[] };
  const full = { wall: [] as number[], cpu: [] as number[] };
  const buildMs: number[] = [];
  const reportMs: number[] = [];
  let findings = 0;
  for (let r = 0; r < RUNS; r++) {
    const build = timed(() => new ConsentIndex(consents, 'Asia/Shanghai', consentLawSchedule()));
    const index = build.value;
    buildMs.push(build.wallMs);

    const e = timed(() => {
      let uncovered = 0;
      for (const c of captures) if (!index.evaluate(c).covered) uncovered++;
      return uncovered;
    });
    evaluate.wall.push(n / (e.wallMs / 1000));
    evaluate.cpu.push(n / (e.cpuMs / 1000));

    const f = timed(() => {
      const acc = new FindingAccumulator();
      for (const c of captures) acc.add(c, index.evaluate(c));
      return acc;
    });
    full.wall.push(n / (f.wallMs / 1000));
    full.cpu.push(n / (f.cpuMs / 1000));
    const report = timed(() => f.value.findings().length);
    reportMs.push(report.wallMs);
    findings = f.value.summary().capturesWithoutValidConsent;
    if (findings !== e.value) throw new Error('evaluate and accumulate disagree');
    if (r === 0)
      console.log(`workload: ${n} captures, ${consents.length} consents, ${report.value} finding groups`);
  }
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
  const rates = (x: { wall: number[]; cpu: number[] }): string =>
    `median ${fmt(median(x.wall))} captures/s wall, ${fmt(median(x.cpu))} per CPU-second`;
  console.log(`captures without valid consent: ${findings}; medians over ${RUNS} runs`);
  console.log(`index build (${consents.length} consents): ${median(buildMs).toFixed(1)} ms`);
  console.log(`evaluate only:     ${rates(evaluate)}`);
  console.log(`evaluate + group:  ${rates(full)}`);
  console.log(`findings() report: ${median(reportMs).toFixed(0)} ms`);
}

main();
