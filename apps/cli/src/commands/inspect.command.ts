import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError, formatAmount, parseIsoDate } from '@app/common';
import { CLI_ERRORS } from '../cli.errors';
import { CAPTURE_FORMATS, normaliseEncoding } from '@app/ingestion';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { InspectionService, type InspectionReport } from '@app/inspection';
import { printJson, Progress } from '../output';

/** The case-date options `inspect`, `audit`, `case render` and `demo` share. */
export interface CaseDateFlags {
  date?: string;
  /** A date, or `unknown`. */
  discoveryDate?: string;
  /** A date, or `unknown`. */
  filingDate?: string;
}

interface InspectFlags extends CaseDateFlags {
  out?: string;
  json?: boolean;
  format?: string;
  encoding?: string;
}

/** Validates `--format`: one of the capture export formats bioaudit reads. */
export function checkedFormat(v: string): string {
  if (!(CAPTURE_FORMATS as readonly string[]).includes(v)) {
    throw new DomainError(
      CLI_ERRORS.BAD_FORMAT,
      `--format must be one of ${CAPTURE_FORMATS.join(', ')}; got "${v}"`,
    );
  }
  return v;
}

/** Validates `--encoding` (e.g. utf-8, gb18030, gbk). */
export function checkedEncoding(v: string): string {
  const e = normaliseEncoding(v);
  if (!e)
    throw new DomainError(
      CLI_ERRORS.BAD_ENCODING,
      `--encoding "${v}" is not an encoding bioaudit can decode`,
    );
  return e;
}

/** Validates a `--date` flag. */
export function checkedDate(v: string, flag = '--date'): string {
  const d = parseIsoDate(v);
  if (!d)
    throw new DomainError(CLI_ERRORS.BAD_DATE, `${flag} must be a calendar date YYYY-MM-DD, got "${v}"`);
  return d;
}

/** What `--discovery-date unknown` stands for (commander cannot keep a null option value). */
const UNKNOWN = 'unknown';

/** Validates `--discovery-date` / `--filing-date`: a calendar date, or `unknown` (stated unknown). */
export function checkedOptionalDate(v: string, flag: string): string {
  if (v === UNKNOWN) return UNKNOWN;
  const d = parseIsoDate(v);
  if (!d)
    throw new DomainError(
      CLI_ERRORS.BAD_DATE,
      `${flag} must be a calendar date YYYY-MM-DD or "unknown", got "${v}"`,
    );
  return d;
}

const known = (d: string): string | null => (d === UNKNOWN ? null : d);

/** The case dates a command's flags state, as InspectOptions takes them. */
export function statedDates(flags: CaseDateFlags): {
  decisionDate?: string;
  discoveryDate?: string | null;
  filingDate?: string | null;
} {
  return {
    ...(flags.date !== undefined ? { decisionDate: flags.date } : {}),
    ...(flags.discoveryDate !== undefined ? { discoveryDate: known(flags.discoveryDate) } : {}),
    ...(flags.filingDate !== undefined ? { filingDate: known(flags.filingDate) } : {}),
  };
}

/**
 * The warning a run prints on stderr when no decision date was stated anywhere and the machine's date was
 * used; empty otherwise.
 */
export function clockWarning(dates: { decisionDate: string; decisionDateFromClock: boolean }): string {
  return dates.decisionDateFromClock
    ? `bioaudit: warning: no decision date stated (--date or case.json); the case is assessed for today's date ${dates.decisionDate} and its case file is a DRAFT\n`
    : '';
}

/**
 * Everything a run that renders a case file warns about on stderr: a decision date taken from the clock,
 * and the configuration that still leaves case files drafts (placeholder authority or officers).
 */
export function caseFileWarnings(
  config: Pick<AppConfig, 'warnings'>,
  dates: { decisionDate: string; decisionDateFromClock: boolean },
): string {
  return clockWarning(dates) + config.warnings.map((w) => `bioaudit: warning: ${w}\n`).join('');
}

/** Text lines of a case's dates. */
function datesLine(c: InspectionReport['case']): string {
  const known = (d: string | null) => d ?? 'unknown';
  return `Dates       discovered ${known(c.discoveryDate)}, filed ${known(c.filingDate)}, decision ${c.decisionDate}${c.decisionDateFromClock ? ' (today: no decision date stated — DRAFT)' : ''}`;
}

/** Formats the human-readable summary of an inspection. */
export function inspectionText(r: InspectionReport): string {
  const f = r.findings;
  const lines = [
    `Firm        ${r.firm.name} (${r.firm.creditCode})`,
    r.case.assessmentVersion === null
      ? `Case        ${r.case.number}, no assessment (no findings)`
      : `Case        ${r.case.number}, assessment version ${r.case.assessmentVersion}`,
    datesLine(r.case),
    `Captures    read ${r.ingest.captures.read}, accepted ${r.ingest.captures.accepted}, duplicates ${r.ingest.captures.duplicates}, conflicts ${r.ingest.captures.conflicts}, skipped ${r.ingest.captures.skipped}, rejected ${r.ingest.captures.rejected}`,
    `Consents    read ${r.ingest.consents.read}, accepted ${r.ingest.consents.accepted}, duplicates ${r.ingest.consents.duplicates}, conflicts ${r.ingest.consents.conflicts}, rejected ${r.ingest.consents.rejected}`,
    `Findings    ${f.capturesWithoutValidConsent} of ${f.capturesAudited} captures lack valid consent; ${f.affectedSubjects} persons affected, ${f.unidentifiedCaptures} unidentified captures`,
    ...Object.entries(f.byReason)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `            ${k.padEnd(32)} ${n}`),
    ...f.siteFindings.map((s) => `Site        ${s.siteId}: ${s.rule}`),
    r.penalty === null
      ? `Fine        none: no findings`
      : `Fine        ${r.penalty.currency} ${formatAmount(r.penalty.amount)} (range ${formatAmount(r.penalty.min)}–${formatAmount(r.penalty.max)}, ${r.penalty.tier}) under ${r.penalty.rulebook} ${r.penalty.version}`,
    r.caseFile === null
      ? `Case file   none issued (no findings)`
      : `Case file   ${r.caseFile.path} (${r.caseFile.pages} pages, sha256 ${r.caseFile.sha256})`,
  ];
  return `${lines.join('\n')}\n`;
}

@Command({
  name: 'inspect',
  arguments: '<folder>',
  description:
    'Ingest an inspection folder, detect captures without valid consent, propose the fine and render the case file',
})
export class InspectCommand extends CommandRunner {
  constructor(
    private readonly inspection: InspectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run([folder]: string[], flags: InspectFlags): Promise<void> {
    const progress = new Progress();
    const t0 = Date.now();
    let last = t0;
    // LOG_LEVEL=debug prints how long each stage took, on stderr.
    const timing = (stage: string) => {
      if (this.config.logLevel !== 'debug') return;
      const now = Date.now();
      process.stderr.write(`[timing] ${stage} starts after ${now - last} ms (total ${now - t0} ms)\n`);
      last = now;
    };
    try {
      const report = await this.inspection.inspect(folder, {
        outDir: flags.out ?? 'out',
        ...statedDates(flags),
        captures: { format: flags.format, encoding: flags.encoding },
        onProgress: (kind, n) => progress.update(kind, n),
        onStage: (s) => {
          timing(s);
          progress.stage(s);
        },
      });
      timing('done');
      progress.stop();
      // Draft warnings concern the case file: none is issued when the audit found nothing.
      if (report.caseFile !== null) process.stderr.write(caseFileWarnings(this.config, report.case));
      if (flags.json) printJson(report);
      else process.stdout.write(inspectionText(report));
    } finally {
      progress.stop();
    }
  }

  @Option({ flags: '--out <dir>', description: 'where to write the case file PDF (default ./out)' })
  parseOut(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print one JSON document on stdout' })
  parseJson(): boolean {
    return true;
  }

  @Option({
    flags: '--date <YYYY-MM-DD>',
    description:
      'decision date of the case (default: the folder’s case.json, else the case’s latest assessment, else today with a warning)',
  })
  parseDate(v: string): string {
    return checkedDate(v);
  }

  @Option({
    flags: '--discovery-date <YYYY-MM-DD>',
    description: 'date the clue was received / the conduct discovered (or "unknown"); default: case.json',
  })
  parseDiscoveryDate(v: string): string {
    return checkedOptionalDate(v, '--discovery-date');
  }

  @Option({
    flags: '--filing-date <YYYY-MM-DD>',
    description: 'date the case was filed, 立案 (or "unknown"); default: case.json',
  })
  parseFilingDate(v: string): string {
    return checkedOptionalDate(v, '--filing-date');
  }

  @Option({
    flags: '--format <format>',
    description: 'force the capture export format instead of detecting it',
  })
  parseFormat(v: string): string {
    return checkedFormat(v);
  }

  @Option({
    flags: '--encoding <encoding>',
    description: 'force the text encoding of capture files (e.g. gb18030)',
  })
  parseEncoding(v: string): string {
    return checkedEncoding(v);
  }
}
