import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { DomainError, FINDING_REASONS, parseIsoDate, SITE_RULES, type Money } from '@app/common';
import { PENALTY_ERRORS } from '../penalties.errors';

/** Jurisdictions with a rulebook; each has one default rulebook. */
export const JURISDICTIONS = ['CN', 'EU', 'US-IL', 'US-TX'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/**
 * Infringement codes a facts document may carry: the detection findings (consent coverage and site rules)
 * plus the conduct an officer establishes by hand. Rulebooks map each code to the articles it breaches.
 */
export const INFRINGEMENTS = [
  ...FINDING_REASONS,
  ...SITE_RULES,
  'NO_NOTICE',
  'NO_IMPACT_ASSESSMENT',
  'EXCESSIVE_COLLECTION',
  'THIRD_PARTY_DISCLOSURE',
  'INSECURE_STORAGE',
  'RETENTION_EXCEEDED',
  'ACCESS_REQUEST_IGNORED',
  'NO_REPRESENTATIVE',
  'NO_PRIVACY_BY_DESIGN',
  'NO_RETENTION_POLICY',
] as const;
export type Infringement = (typeof INFRINGEMENTS)[number];

/** The officer's seriousness assessment (EDPB vocabulary, also read by PIPL 66(2) and APL 33). */
export const SERIOUSNESS_LEVELS = ['low', 'medium', 'high'] as const;
export type Seriousness = (typeof SERIOUSNESS_LEVELS)[number];

/** Circumstances that move a fine; `null` means the officer did not establish the fact. */
export interface PenaltyCircumstances {
  firstViolation: boolean | null;
  correctedPromptly: boolean | null;
  cooperated: boolean | null;
  refusedCorrection: boolean | null;
  intentional: boolean | null;
  priorViolations: number | null;
  selfReported: boolean | null;
  obstructed: boolean | null;
}

/** The one facts document every rulebook reads (issue 4); `null` always means "unknown". */
export interface PenaltyFacts {
  jurisdiction: Jurisdiction;
  rulebook: string | null;
  decisionDate: string;
  /** When the authority discovered the act (clue / 发现), YYYY-MM-DD; `null` = unknown. Stops limitation. */
  discoveryDate: string | null;
  /** When the case was filed (立案), YYYY-MM-DD; `null` = unknown. */
  filingDate: string | null;
  conduct: { from: string; to: string; continuing: boolean | null };
  firm: { name: string; annualTurnover: Money | null; turnoverWithheld: boolean | null };
  affectedPersons: number | null;
  captureEvents: number | null;
  minorsAffected: boolean | null;
  illegalGains: Money | null;
  infringements: Infringement[];
  circumstances: PenaltyCircumstances;
  seriousness: Seriousness | null;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

class MoneyDto {
  @IsString()
  @Matches(DECIMAL, { message: 'amount must be a non-negative decimal string such as "250000.00"' })
  amount!: string;

  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as "CNY"' })
  currency!: string;
}

class ConductDto {
  @IsString()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @IsString()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;

  @IsOptional()
  @IsBoolean()
  continuing?: boolean | null;
}

class FirmDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  annualTurnover?: MoneyDto | null;

  @IsOptional()
  @IsBoolean()
  turnoverWithheld?: boolean | null;
}

class CircumstancesDto {
  @IsOptional() @IsBoolean() firstViolation?: boolean | null;
  @IsOptional() @IsBoolean() correctedPromptly?: boolean | null;
  @IsOptional() @IsBoolean() cooperated?: boolean | null;
  @IsOptional() @IsBoolean() refusedCorrection?: boolean | null;
  @IsOptional() @IsBoolean() intentional?: boolean | null;
  @IsOptional() @IsInt() @Min(0) priorViolations?: number | null;
  @IsOptional() @IsBoolean() selfReported?: boolean | null;
  @IsOptional() @IsBoolean() obstructed?: boolean | null;
}

class PenaltyFactsDto {
  @IsIn(JURISDICTIONS, { message: `jurisdiction must be one of ${JURISDICTIONS.join(', ')}` })
  jurisdiction!: Jurisdiction;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  rulebook?: string | null;

  @IsString()
  @Matches(DATE, { message: 'decisionDate must be a date YYYY-MM-DD' })
  decisionDate!: string;

  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'discoveryDate must be a date YYYY-MM-DD or null' })
  discoveryDate?: string | null;

  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'filingDate must be a date YYYY-MM-DD or null' })
  filingDate?: string | null;

  @ValidateNested()
  @Type(() => ConductDto)
  conduct!: ConductDto;

  @ValidateNested()
  @Type(() => FirmDto)
  firm!: FirmDto;

  @IsOptional() @IsInt() @Min(0) affectedPersons?: number | null;
  @IsOptional() @IsInt() @Min(0) captureEvents?: number | null;
  @IsOptional() @IsBoolean() minorsAffected?: boolean | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  illegalGains?: MoneyDto | null;

  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(INFRINGEMENTS, {
    each: true,
    message: `each infringement must be one of ${INFRINGEMENTS.join(', ')}`,
  })
  infringements?: Infringement[];

  @IsOptional()
  @ValidateNested()
  @Type(() => CircumstancesDto)
  circumstances?: CircumstancesDto | null;

  @IsOptional()
  @IsIn(SERIOUSNESS_LEVELS, { message: 'seriousness must be low, medium, high or null' })
  seriousness?: Seriousness | null;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [kind, msg] of Object.entries(e.constraints ?? {})) {
      out.push(kind === 'whitelistValidation' ? `${path}: unknown field` : `${path}: ${msg}`);
    }
    out.push(...flatten(e.children ?? [], path));
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shape problems class-validator does not catch: missing required objects, arrays, impossible dates. */
function structuralProblems(json: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of ['conduct', 'firm'] as const) {
    if (!isPlainObject(json[key])) problems.push(`${key}: must be an object`);
  }
  if (json.infringements !== undefined && !Array.isArray(json.infringements)) {
    problems.push('infringements: must be an array of codes');
  }
  return problems;
}

/**
 * Impossible calendar dates (2021-02-30) are reported together with every other problem (the shape is
 * the validators' job); the order of the dates only once the document is otherwise valid.
 */
function semanticProblems(dto: PenaltyFactsDto, otherwiseValid: boolean): string[] {
  const problems: string[] = [];
  const dates: [string, unknown][] = [
    ['decisionDate', dto.decisionDate],
    ['conduct.from', dto.conduct?.from],
    ['conduct.to', dto.conduct?.to],
    ['discoveryDate', dto.discoveryDate],
    ['filingDate', dto.filingDate],
  ];
  for (const [path, value] of dates) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && parseIsoDate(value) === null)
      problems.push(`${path}: ${value} is not a calendar date`);
  }
  if (otherwiseValid && problems.length === 0) {
    if (dto.conduct.from > dto.conduct.to) problems.push('conduct: from is after to');
    if (dto.conduct.to > dto.decisionDate) problems.push('conduct.to: after decisionDate');
    if (dto.discoveryDate && dto.discoveryDate > dto.decisionDate) {
      problems.push('discoveryDate: after decisionDate');
    }
    if (dto.filingDate && dto.filingDate > dto.decisionDate) problems.push('filingDate: after decisionDate');
    if (dto.discoveryDate && dto.filingDate && dto.filingDate < dto.discoveryDate) {
      problems.push('filingDate: before discoveryDate');
    }
  }
  return problems;
}

/**
 * Validates a facts document (parsed JSON) and normalises every absent optional field to `null` (unknown).
 * Unknown fields, bad types and impossible dates are all reported in one `PENALTY.INVALID_FACTS` error.
 */
export function parsePenaltyFacts(json: unknown): PenaltyFacts {
  if (!isPlainObject(json)) {
    throw new DomainError(PENALTY_ERRORS.INVALID_FACTS, 'facts document must be a JSON object', {
      problems: ['(root): must be an object'],
    });
  }
  const structural = structuralProblems(json);
  const dto = plainToInstance(PenaltyFactsDto, json);
  const problems = [
    ...structural,
    ...flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })),
  ];
  problems.push(...semanticProblems(dto, problems.length === 0));
  if (problems.length > 0) {
    const unique = [...new Set(problems)];
    throw new DomainError(PENALTY_ERRORS.INVALID_FACTS, `invalid facts document: ${unique.join('; ')}`, {
      problems: unique,
    });
  }
  const c = dto.circumstances ?? {};
  const money = (m: MoneyDto | null | undefined): Money | null =>
    m ? { amount: m.amount, currency: m.currency } : null;
  return {
    jurisdiction: dto.jurisdiction,
    rulebook: dto.rulebook ?? null,
    decisionDate: dto.decisionDate,
    discoveryDate: dto.discoveryDate ?? null,
    filingDate: dto.filingDate ?? null,
    conduct: { from: dto.conduct.from, to: dto.conduct.to, continuing: dto.conduct.continuing ?? null },
    firm: {
      name: dto.firm.name,
      annualTurnover: money(dto.firm.annualTurnover),
      turnoverWithheld: dto.firm.turnoverWithheld ?? null,
    },
    affectedPersons: dto.affectedPersons ?? null,
    captureEvents: dto.captureEvents ?? null,
    minorsAffected: dto.minorsAffected ?? null,
    illegalGains: money(dto.illegalGains),
    infringements: [...new Set(dto.infringements ?? [])],
    circumstances: {
      firstViolation: c.firstViolation ?? null,
      correctedPromptly: c.correctedPromptly ?? null,
      cooperated: c.cooperated ?? null,
      refusedCorrection: c.refusedCorrection ?? null,
      intentional: c.intentional ?? null,
      priorViolations: c.priorViolations ?? null,
      selfReported: c.selfReported ?? null,
      obstructed: c.obstructed ?? null,
    },
    seriousness: dto.seriousness ?? null,
  };
}
