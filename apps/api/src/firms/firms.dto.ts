import { ApiProperty } from '@nestjs/swagger';

export class FirmDto {
  @ApiProperty({ example: '91330200MA2XXXXXXX', description: 'Unified social credit code' })
  creditCode!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  region!: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone!: string;
  @ApiProperty({ format: 'date-time', description: 'When bioaudit first received the firm' })
  registeredAt!: string;
}

export class FirmPageDto {
  @ApiProperty({ type: [FirmDto] })
  items!: FirmDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class SiteDto {
  @ApiProperty({ description: "The firm's own site id" })
  siteCode!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  siteType!: string;
  @ApiProperty()
  faceOnlyAccess!: boolean;
}

export class DeviceDto {
  @ApiProperty({ description: "The firm's own device id, as in its exports" })
  deviceCode!: string;
  @ApiProperty()
  siteCode!: string;
  @ApiProperty()
  vendor!: string;
  @ApiProperty()
  model!: string;
  @ApiProperty({ type: String, nullable: true })
  declaredPurpose!: string | null;
  @ApiProperty()
  timezone!: string;
}

/** Reconciled counts: read = accepted + duplicates + conflicts + skipped + rejected. */
export class CountsDto {
  @ApiProperty()
  read!: number;
  @ApiProperty()
  accepted!: number;
  @ApiProperty()
  duplicates!: number;
  @ApiProperty()
  conflicts!: number;
  @ApiProperty()
  skipped!: number;
  @ApiProperty()
  rejected!: number;
}

export class BatchSummaryDto extends CountsDto {
  @ApiProperty({ enum: ['firm', 'devices', 'captures', 'consents'] })
  kind!: string;
  @ApiProperty({ enum: ['receiving', 'completed', 'failed', 'discarded'] })
  status!: string;
  @ApiProperty()
  batches!: number;
}

export class FirmDetailDto extends FirmDto {
  @ApiProperty({ type: [SiteDto] })
  sites!: SiteDto[];
  @ApiProperty({ type: [DeviceDto] })
  devices!: DeviceDto[];
  @ApiProperty({ type: [BatchSummaryDto], description: 'Batches by kind and status, with summed counts' })
  batches!: BatchSummaryDto[];
}

/** One month of a firm's captures and how many of them a capture finding names (no valid consent covered them). */
export class CoverageMonthDto {
  @ApiProperty({ example: '2026-01', description: "Calendar month in the firm's time zone" })
  month!: string;
  @ApiProperty({ description: 'Captures that occurred in the month' })
  captures!: number;
  @ApiProperty({ description: 'Of them, covered by a valid consent (captures − flagged)' })
  covered!: number;
  @ApiProperty({ description: 'Of them, named by at least one capture finding' })
  flagged!: number;
}

export class FirmCoverageDto {
  @ApiProperty()
  firm!: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'The time zone the months are counted in' })
  timezone!: string;
  @ApiProperty({ type: [CoverageMonthDto], description: 'Months with captures, oldest first' })
  months!: CoverageMonthDto[];
}

/** A notice to the firm from the consent watch (issue 12): a consent ended while its terminals kept capturing. */
export class FirmNoticeDto {
  @ApiProperty()
  id!: string;
  @ApiProperty({ enum: ['consent-ended'] })
  kind!: string;
  @ApiProperty({ description: "The firm's own consent id" })
  consentId!: string;
  @ApiProperty({ example: '2026-03', description: "The month of the captures (the firm's time zone)" })
  period!: string;
  @ApiProperty({ enum: ['withdrawn', 'expired'] })
  ended!: string;
  @ApiProperty({ format: 'date-time' })
  endedAt!: string;
  @ApiProperty({ description: 'Captures of the same subject after the end that no other consent covers' })
  captures!: number;
  @ApiProperty({ format: 'date-time' })
  firstCaptureAt!: string;
  @ApiProperty({ format: 'date-time' })
  lastCaptureAt!: string;
  @ApiProperty({ description: 'The notice as recorded (Chinese, then English: the text of record)' })
  message!: string;
  @ApiProperty({ format: 'date-time', description: 'When the consent watch raised it' })
  createdAt!: string;
}

/** A scheduled re-audit's difference: the new findings by reason against the firm's previous audit. */
export class ReauditDifferenceDto {
  @ApiProperty({ description: 'The audit case the re-audit made' })
  caseId!: string;
  @ApiProperty()
  caseNumber!: string;
  @ApiProperty({ type: String, nullable: true })
  previousCaseId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  previousCaseNumber!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { NO_CONSENT: 12 } })
  newFindings!: Record<string, number>;
  @ApiProperty()
  newTotal!: number;
  @ApiProperty({ description: 'The clue threshold in force when it ran (BIOAUDIT_CLUE_THRESHOLD)' })
  threshold!: number;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class SupervisionClueDto {
  @ApiProperty()
  caseId!: string;
  @ApiProperty()
  caseNumber!: string;
  @ApiProperty()
  state!: string;
  @ApiProperty({ format: 'date-time' })
  openedAt!: string;
}

/** What supervision found at the firm: the re-audits' differences, newest first, and the clue they keep open. */
export class FirmSupervisionDto {
  @ApiProperty({ type: [ReauditDifferenceDto] })
  reaudits!: ReauditDifferenceDto[];
  @ApiProperty({
    type: SupervisionClueDto,
    nullable: true,
    description: 'The clue a re-audit opened, until its case reaches a terminal state',
  })
  openClue!: SupervisionClueDto | null;
}
