import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class StatisticsQueryDto {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month (Beijing), YYYY-MM; default 11 months before `to`',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month, YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12',
    description: 'Last month (Beijing), YYYY-MM, included; default this month',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month, YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({
    example: '330201',
    description: 'A narrower administrative-division code prefix (2–6 digits) inside your region',
  })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'region must be 2 to 6 digits of an administrative-division code' })
  region?: string;
}

export class StatisticsPeriodDto {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-12' }) to!: string;
  @ApiProperty({ type: [String], description: 'Every month of the period, in order' }) months!: string[];
}

export class StatisticsTotalsDto {
  @ApiProperty({ description: 'Cases not closed, withdrawn, transferred or ended without penalty (now)' })
  openCases!: number;
  @ApiProperty({ description: 'Findings of the cases whose clue was registered in the period' })
  findings!: number;
  @ApiProperty({
    description: 'Capture records stored from the firms’ capture batches received in the period',
  })
  captures!: number;
  @ApiProperty({ description: 'Cases with a fine proposed (or decided) in the period' })
  finesProposed!: number;
  @ApiProperty({ description: 'Cases whose fine was decided in the period' }) finesDecided!: number;
  @ApiProperty({ example: '250000.00', description: 'Sum of the proposals (yuan)' }) proposedAmount!: string;
  @ApiProperty({ example: '250000.00', description: 'Sum of the decided fines (yuan)' })
  decidedAmount!: string;
}

export class StateCountDto {
  @ApiProperty({ example: 'filed' }) state!: string;
  @ApiProperty() count!: number;
}

export class FindingsMonthDto {
  @ApiProperty({ example: '2026-01' }) month!: string;
  @ApiProperty({ example: 'NO_CONSENT' }) reason!: string;
  @ApiProperty() count!: number;
}

export class CapturesMonthDto {
  @ApiProperty({ example: '2026-01' }) month!: string;
  @ApiProperty() count!: number;
}

export class CaseFineDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ example: '330201' }) regionCode!: string;
  @ApiProperty({ type: String, nullable: true, example: '150000.00', description: 'Latest proposal (yuan)' })
  proposed!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '120000.00', description: 'Decided fine (yuan)' })
  decided!: string | null;
  @ApiProperty({ example: '2026-02-03', description: 'Day of the decision, else of the proposal' })
  date!: string;
}

export class StatisticsPrecedentDto {
  @ApiProperty() id!: string;
  @ApiProperty() authority!: string;
  @ApiProperty() decisionDate!: string;
  @ApiProperty({ example: '250000' }) amount!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ description: 'False when the decision differs in kind from our cases' })
  comparable!: boolean;
}

export class RegionRowDto {
  @ApiProperty({ example: '330201', description: 'Administrative-division code' }) regionCode!: string;
  @ApiProperty() firms!: number;
  @ApiProperty() openCases!: number;
  @ApiProperty() findings!: number;
  @ApiProperty() captures!: number;
  @ApiProperty() finesDecided!: number;
  @ApiProperty({ example: '120000.00' }) decidedAmount!: string;
}

export class StatisticsDto {
  @ApiProperty({ type: StatisticsPeriodDto }) period!: StatisticsPeriodDto;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The division-code prefix reported on (null: everywhere)',
  })
  region!: string | null;
  @ApiProperty({ type: StatisticsTotalsDto }) totals!: StatisticsTotalsDto;
  @ApiProperty({ type: [StateCountDto] }) openCasesByState!: StateCountDto[];
  @ApiProperty({ type: [FindingsMonthDto] }) findingsByMonth!: FindingsMonthDto[];
  @ApiProperty({ type: [CapturesMonthDto] }) capturesByMonth!: CapturesMonthDto[];
  @ApiProperty({ type: [CaseFineDto], description: 'Newest first, at most 1000 (see finesTruncated)' })
  fines!: CaseFineDto[];
  @ApiProperty({
    description: 'True when more cases had fines than listed (the totals count the listed ones)',
  })
  finesTruncated!: boolean;
  @ApiProperty({ type: [StatisticsPrecedentDto] }) precedents!: StatisticsPrecedentDto[];
  @ApiProperty({ type: [RegionRowDto] }) regions!: RegionRowDto[];
}
