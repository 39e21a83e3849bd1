import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { consentLawSchedule } from '@app/law';
import { ExampleInspection, type CaptureFileFormat, type ExampleLaw } from './core/example-inspection';
import type { ExpectedInspection } from './core/expected-inspection';

export interface GenerateInspectionOptions {
  outDir: string;
  /** Default 2021. */
  seed?: number;
  /** Accepted capture events (malformed and duplicate lines come on top). Default 300,000. */
  captures?: number;
  /** Identified subjects in the face library. Default 973. */
  subjects?: number;
  /** Default 'jsonl'. */
  format?: CaptureFileFormat;
  /** Capture window in local dates [from, to); default 2019-04-01 to 2021-01-01. */
  window?: { from: string; to: string };
}

/** The instants the example's dated rules start, read from the one legal table (@app/law). */
export function exampleLaw(): ExampleLaw {
  const periods = consentLawSchedule().periods;
  const first = (test: (p: (typeof periods)[number]) => boolean): number => {
    const found = periods.find(test);
    if (!found) throw new Error('the legal table has no period with this rule');
    return found.fromMs;
  };
  return {
    separateConsentFrom: first((p) => p.separateConsent),
    guardianConsentFrom: first((p) => p.guardianConsent),
    faceOnlyAccessFrom: first((p) => p.faceOnlyAccessRule),
    consentRequiredFrom: first((p) => p.consentRequired),
  };
}

/** Lines buffered before one write: large enough to amortise the stream, small enough to stay flat. */
const LINES_PER_WRITE = 8192;

/**
 * Writes a seeded example inspection folder (firm.json, devices.csv, consents.csv, captures.jsonl or
 * captures.csv, expected.json) to `outDir`, streaming the captures, and returns the expected audit.
 * Same options, same bytes.
 */
export async function generateInspection(options: GenerateInspectionOptions): Promise<ExpectedInspection> {
  const example = new ExampleInspection({
    seed: options.seed ?? 2021,
    captures: options.captures ?? 300_000,
    subjects: options.subjects ?? 973,
    format: options.format ?? 'jsonl',
    law: exampleLaw(),
    ...(options.window ? { window: options.window } : {}),
  });
  const dir = options.outDir;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'firm.json'), example.firmJson(), 'utf8');
  await writeFile(join(dir, 'devices.csv'), example.devicesCsv(), 'utf8');
  await writeFile(join(dir, 'consents.csv'), example.consentsCsv(), 'utf8');

  const out = createWriteStream(join(dir, example.capturesFileName), { encoding: 'utf8' });
  const closed = once(out, 'close');
  try {
    let batch: string[] = [];
    for (const line of example.captureLines()) {
      batch.push(line);
      if (batch.length === LINES_PER_WRITE) {
        if (!out.write(batch.join(''))) await once(out, 'drain');
        batch = [];
      }
    }
    out.end(batch.join(''));
    await closed;
  } catch (error) {
    out.destroy();
    throw error;
  }

  const expected = example.expected();
  await writeFile(join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`, 'utf8');
  return expected;
}
