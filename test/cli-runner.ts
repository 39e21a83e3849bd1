import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.join(__dirname, '..');
/** The built CLI (`npm run build`); BIOAUDIT_E2E_BIN runs the specs against another build. */
const BIN = process.env.BIOAUDIT_E2E_BIN ?? path.join(ROOT, 'bin', 'bioaudit.js');
/** The test deployment's keys, configured as a deployment sets them: no key file generated, no warning. */
export const TEST_KEYS: Record<string, string> = {
  BIOAUDIT_MASTER_KEY: 'YmlvYXVkaXQtZTJlLXRlc3Qta2V5LW5vdC1hLXNlY3I=',
  // The key signing custody anchors (Ed25519, PKCS#8 DER in base64).
  BIOAUDIT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIJIIvoaMmhVt6Z4uIhptK+A1gUzGTyMTXVzm3eWTE4uf',
};
/** Only what the CLI needs from this environment (NODE_PATH lets another build find node_modules). */
const BASE_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  ...(process.env.NODE_PATH ? { NODE_PATH: process.env.NODE_PATH } : {}),
  ...TEST_KEYS,
};

/** A bureau's configuration as an officer would set it: case files are then not drafts, no warning. */
export const CONFIGURED_AUTHORITY: Record<string, string> = {
  BIOAUDIT_AUTHORITY_ZH: '宁波市市场监督管理局',
  BIOAUDIT_AUTHORITY: 'Ningbo Administration for Market Regulation',
  BIOAUDIT_AUTHORITY_REGION_CODE: '330200',
  BIOAUDIT_AUTHORITY_REGION_ZH: '浙江省宁波市',
  BIOAUDIT_OFFICER_1: '王五;33020019001',
  BIOAUDIT_OFFICER_2: '赵六;33020019002',
  BIOAUDIT_LEGAL_REVIEWER: '钱七',
  BIOAUDIT_AUTHORITY_HEAD: '孙八',
};

/** The base environment with `env` over it; a variable given as '' is left unset (to run without a base key). */
function envOf(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...BASE_ENV, ...env }).filter(([, v]) => v !== ''));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as an officer would; never throws, returns exit code and output. */
export async function bioaudit(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], {
      env: envOf(env),
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Starts the built CLI in the background; `done` resolves with its result. */
export function bioauditInBackground(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn('node', [BIN, ...args], { env: envOf(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return { child, done };
}

/** A failure as the CLI must report it: exactly one line on stderr naming the error code, no stack trace. */
export function oneLineFailure(r: CliResult): string {
  const lines = r.stderr.trimEnd().split('\n');
  if (lines.length !== 1 || !/^bioaudit: [A-Z_]+(\.[A-Z_]+)?: /.test(lines[0]) || /\n\s+at /.test(r.stderr))
    throw new Error(`expected one line naming an error code on stderr, got:\n${r.stderr}`);
  return lines[0];
}
