import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /api/cases?firm=&state=&cursor=&limit=` */
export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "The firm's unified social credit code." })
  @IsOptional()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'firm must be an 18-character unified social credit code' })
  firm?: string;

  @ApiPropertyOptional({ description: 'A procedure state: clue, filed, investigating, …, closed.' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'state must be a procedure state name' })
  state?: string;
}

/** `POST /api/cases`: a clue entered by hand. */
export class OpenClueDto {
  @ApiProperty({ description: "The firm's unified social credit code (a registered firm in your region)." })
  @Matches(/^[0-9A-Z]{18}$/, { message: 'firmCreditCode must be an 18-character unified social credit code' })
  firmCreditCode!: string;

  @ApiProperty({ description: 'What the clue is (a complaint, a referral, an observation).' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  description!: string;

  @ApiProperty({ description: 'When the conduct was discovered (YYYY-MM-DD, Beijing).' })
  @Matches(DAY, { message: 'discoveryDate must be a date YYYY-MM-DD' })
  discoveryDate!: string;

  @ApiPropertyOptional({
    description: 'The last day of the conduct (needed at filing for the limitation check).',
  })
  @IsOptional()
  @Matches(DAY, { message: 'conductEndDate must be a date YYYY-MM-DD' })
  conductEndDate?: string;

  @ApiPropertyOptional({ description: "The party's address (a decision states it)." })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  partyAddress?: string;
}

export class OpenedClueDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseNumber!: string;
}

class CaseFirmRefDto {
  @ApiProperty() creditCode!: string;
  @ApiProperty() name!: string;
}

export class CaseListItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '立案号, once filed.' }) docketNumber!:
    | string
    | null;
  @ApiProperty() state!: string;
  @ApiProperty() procedureId!: string;
  @ApiProperty() clueDate!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: CaseFirmRefDto }) firm!: CaseFirmRefDto;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseListItemDto] }) items!: CaseListItemDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

class BilingualDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class DeadlineDto {
  @ApiProperty({
    description: 'filing, decision, statement, hearing-request, hearing, service, publication, payment',
  })
  id!: string;
  @ApiProperty({ type: BilingualDto }) label!: BilingualDto;
  @ApiProperty({ description: 'The last day (inclusive).' }) due!: string;
  @ApiProperty({ enum: ['working-days', 'calendar-days'] }) counting!: string;
  @ApiProperty({ description: "The article that sets it, e.g. 'APL (2021) art. 64(2)'." }) basis!: string;
  @ApiPropertyOptional({
    description:
      'The same article as the Chinese statutes print it, e.g. 《行政处罚法》第六十四条第（二）项; an article number not confirmed says so (（条文序号待核实）).',
  })
  basisZh?: string;
  @ApiPropertyOptional({
    enum: ['P', 'S', 'U'],
    description: 'How sure the article reference is: P read in the text, S secondary sources, U unconfirmed.',
  })
  basisConfidence?: string;
  @ApiProperty({ enum: ['open', 'near', 'overdue', 'met'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) metBy!: string | null;
  @ApiPropertyOptional({ enum: ['authority', 'party'] }) holder?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) metOn?: string | null;
  @ApiPropertyOptional() suspended?: boolean;
  @ApiPropertyOptional({
    description:
      'The date counts working days of a year whose State Council holiday notice is not yet encoded: weekends and the statutory holidays only (docs/procedure.md, "Beyond the last holiday notice").',
  })
  provisional?: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Why the date is provisional (the missing notice).',
  })
  provisionalReason?: string | null;
  @ApiPropertyOptional({ type: [Number], description: 'The years whose holiday notice is missing.' })
  missingNoticeYears?: readonly number[];
  @ApiPropertyOptional({
    description:
      "A party's window past the last notice: the last day its act is still accepted (the safe bound).",
  })
  acceptedUntil?: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Working-day windows: working days after today up to and including the last day, on the server's PRC calendar (0 = today is the last day; negative = overdue by that many working days). Null for calendar-day windows and when met or suspended.",
  })
  workingDaysLeft!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Calendar-day windows: days after today up to the last day (0 = today; negative = overdue). Null for working-day windows and when met or suspended.',
  })
  daysLeft!: number | null;
}

class CaseHandlerDto {
  @ApiProperty() userId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '执法证号' }) certificateNumber!:
    | string
    | null;
}

class StepActorDto {
  @ApiProperty() userId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
}

class StepDocumentRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
}

export class CaseStepDto {
  @ApiProperty() seq!: number;
  @ApiProperty() action!: string;
  @ApiProperty({ type: StepActorDto }) actor!: StepActorDto;
  @ApiProperty({ description: 'When it was recorded.' }) at!: string;
  @ApiProperty({ description: 'The day it takes effect.' }) date!: string;
  @ApiProperty() fromState!: string;
  @ApiProperty() toState!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The step as recorded (amounts in fen as amountMinor, and in yuan as amount).',
  })
  input!: Record<string, unknown>;
  @ApiPropertyOptional({ type: StepDocumentRefDto, nullable: true }) document!: StepDocumentRefDto | null;
}

class PartyDto {
  @ApiProperty({ enum: ['party'] }) role!: string;
  @ApiProperty({ enum: ['firm'] }) kind!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty() name!: string;
}

class TraceStepZhDto {
  @ApiProperty() description!: string;
  @ApiProperty() citation!: string;
  @ApiPropertyOptional({ description: 'The value in Chinese where it is a word (a tier), not a number.' })
  value?: string;
}

class TraceStepDto {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty() citation!: string;
  @ApiProperty() value!: string;
  @ApiPropertyOptional({ type: TraceStepZhDto, description: 'The step in Chinese (the Chinese rulebooks).' })
  zh?: TraceStepZhDto;
}

class CaseAssessmentDto {
  @ApiProperty() version!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'The rulebook proposal (decimal string).' }) amount!: string;
  @ApiProperty() min!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) max!: string | null;
  @ApiProperty() tier!: string;
  @ApiProperty() rulebook!: string;
  @ApiProperty() rulebookVersion!: string;
  @ApiProperty({ type: [TraceStepDto] }) steps!: TraceStepDto[];
}

class PrecedentDto {
  @ApiProperty() id!: string;
  @ApiProperty() authority!: string;
  @ApiPropertyOptional({ description: "The deciding authority's name in Chinese." }) authorityZh?: string;
  @ApiProperty() decisionDate!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() currency!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) versus!: string | null;
  @ApiProperty() comparable!: boolean;
}

export class CaseDocumentDto {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ description: 'SHA-256 of the PDF bytes as issued; the download is byte-identical.' })
  sha256!: string;
  @ApiProperty() issuedAt!: string;
}

class CaseFirmDto extends CaseFirmRefDto {
  @ApiProperty({ description: 'Administrative division code (credit code characters 3–8).' })
  regionCode!: string;
}

class CaseFlagsViewDto {
  @ApiProperty() major!: boolean;
  @ApiProperty() heavy!: boolean;
  @ApiProperty() lifeHealthFinancial!: boolean;
}

export class CaseDetailDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) docketNumber!: string | null;
  @ApiProperty() procedureId!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ enum: ['inspection', 'hand'] }) source!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() clueDate!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) discoveryDate!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: CaseFlagsViewDto, description: 'What the head found at filing.' })
  flags!: CaseFlagsViewDto;
  @ApiProperty({ enum: ['legal-person', 'individual'] }) partyKind!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) partyAddress!: string | null;
  @ApiProperty({ type: CaseFirmDto }) firm!: CaseFirmDto;
  @ApiProperty({ type: [CaseHandlerDto] }) handlers!: CaseHandlerDto[];
  @ApiProperty({ type: [CaseStepDto] }) timeline!: CaseStepDto[];
  @ApiProperty({ type: [DeadlineDto] }) deadlines!: DeadlineDto[];
  @ApiProperty({ type: [PartyDto] }) parties!: PartyDto[];
  @ApiPropertyOptional({ type: CaseAssessmentDto, nullable: true }) assessment!: CaseAssessmentDto | null;
  @ApiProperty({ type: [PrecedentDto] }) precedents!: PrecedentDto[];
  @ApiProperty({ type: [CaseDocumentDto] }) documents!: CaseDocumentDto[];
  @ApiProperty({ type: [String], description: 'Exactly the actions you may take now.' }) actions!: string[];
  @ApiProperty({
    description:
      "The server's today (YYYY-MM-DD, Beijing) the deadlines and actions were computed for; a step's default day.",
  })
  today!: string;
}

export class CaseTaskDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) docketNumber!: string | null;
  @ApiProperty() state!: string;
  @ApiProperty({ type: CaseFirmRefDto }) firm!: CaseFirmRefDto;
  @ApiProperty({ type: DeadlineDto }) deadline!: DeadlineDto;
}

class CandidateDto {
  @ApiProperty({ description: 'The account id to send (handlers[], hostId).' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '执法证号' }) certificateNumber!:
    | string
    | null;
  @ApiProperty({ type: [String] }) roles!: string[];
}

export class CaseCandidatesDto {
  @ApiProperty({ enum: ['assign', 'schedule-hearing'] }) action!: string;
  @ApiProperty({
    type: [CandidateDto],
    description:
      "assign: the enabled inspectors of the case's region holding an enforcement certificate number; schedule-hearing: the enabled officers of the case's region who are not its handlers. By name.",
  })
  people!: CandidateDto[];
  @ApiProperty({
    type: [String],
    description: 'Who the choice must include (an inspector who is not a head assigns a team he belongs to).',
  })
  required!: string[];
}
