import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YUAN = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const USER_ID = /^\d{1,18}$/;
const DAY_MESSAGE = '$property must be a date YYYY-MM-DD (Beijing)';
const YUAN_MESSAGE = '$property must be yuan as a decimal string with at most two places, e.g. "250000.00"';

/** Every action accepts a note. */
export class NoteDto {
  @ApiPropertyOptional({
    description: "The officer's (or the firm's) note, kept with the step.",
    maxLength: 4000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

/** A step that records the day it takes effect (today in Beijing when absent; never in the future). */
export class DatedDto extends NoteDto {
  @ApiPropertyOptional({
    description: 'The day the step takes effect (YYYY-MM-DD, Beijing); today by default.',
  })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  date?: string;
}

/** The party's address, stored on the case: a decision states it (APL art. 59(1)). */
class AddressDto extends DatedDto {
  @ApiPropertyOptional({
    description: "The party's address, recorded on the case (a decision must state it, APL art. 59(1)).",
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  partyAddress?: string;
}

/** What the head finds at filing; the procedure reads these from then on. */
export class CaseFlagsDto {
  @ApiPropertyOptional({
    description: 'Major public interest or complex: legal review before the notice (APL art. 58(1)).',
  })
  @IsOptional()
  @IsBoolean()
  major?: boolean;

  @ApiPropertyOptional({
    description: 'Serious or complex: decided by collective discussion of the heads (APL art. 57(2)).',
  })
  @IsOptional()
  @IsBoolean()
  heavy?: boolean;

  @ApiPropertyOptional({
    description: 'Harm to life, health or financial security: five-year limitation (APL art. 36(1)).',
  })
  @IsOptional()
  @IsBoolean()
  lifeHealthFinancial?: boolean;
}

export class FileActionDto extends AddressDto {
  @ApiPropertyOptional({ type: CaseFlagsDto, description: 'Case flags, stored on the case.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseFlagsDto)
  flags?: CaseFlagsDto;

  @ApiPropertyOptional({
    enum: ['legal-person', 'individual'],
    description: 'The kind of party (the hearing threshold differs); legal-person by default.',
  })
  @IsOptional()
  @IsIn(['legal-person', 'individual'])
  partyKind?: 'legal-person' | 'individual';
}

export class AssignActionDto extends NoteDto {
  @ApiProperty({
    description:
      'User ids of the handling officers (at least two inspectors with enforcement certificates, APL art. 42).',
    type: [String],
    example: ['12', '13'],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @Matches(USER_ID, { each: true, message: 'each of $property must be a user id' })
  handlers!: string[];
}

export class ProposeActionDto extends NoteDto {
  @ApiProperty({ description: 'The proposed fine in yuan, inside the legal range.', example: '250000.00' })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount!: string;

  @ApiPropertyOptional({
    description: "Why, when the amount departs from the rulebook's proposal (then required).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

export class ReviewActionDto extends NoteDto {
  @ApiProperty({ enum: ['approved', 'returned'], description: 'The legal review (法制审核) outcome.' })
  @IsIn(['approved', 'returned'])
  outcome!: 'approved' | 'returned';
}

export class NotifyActionDto extends AddressDto {}

export class DefendActionDto extends NoteDto {
  @ApiProperty({ description: "The firm's statement and defence (陈述、申辩)." })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  statement!: string;

  @ApiPropertyOptional({
    description:
      'The firm expressly waives the hearing (APL art. 62): the decision need not wait for its window.',
  })
  @IsOptional()
  @IsBoolean()
  waiveHearing?: boolean;
}

export class RequestHearingActionDto extends NoteDto {}

export class ScheduleHearingActionDto extends DatedDto {
  @ApiProperty({
    description: 'The hearing day: at least seven working days after the notice (APL art. 64(2)).',
  })
  @Matches(DAY, { message: DAY_MESSAGE })
  hearingDate!: string;

  @ApiProperty({ description: 'Where the hearing is held.' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  place!: string;

  @ApiProperty({ description: 'User id of the host, who may not be a handler of the case.' })
  @Matches(USER_ID, { message: '$property must be a user id' })
  hostId!: string;
}

export class RecordHearingActionDto extends DatedDto {
  @ApiProperty({ description: 'What was heard (the record, 听证笔录).' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  summary!: string;
}

export class DecideActionDto extends AddressDto {
  @ApiProperty({
    description: 'The fine decided, in yuan; never more than the notified amount.',
    example: '200000.00',
  })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount!: string;

  @ApiPropertyOptional({ description: 'Why the decision departs from the proposal.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({
    description: 'Decided by collective discussion of the heads (required for heavy cases).',
  })
  @IsOptional()
  @IsBoolean()
  collectiveDiscussion?: boolean;
}

export const SERVICE_METHODS = [
  'direct',
  'left',
  'electronic',
  'post',
  'entrusted',
  'forwarded',
  'public-notice',
];

export class ServeActionDto extends NoteDto {
  @ApiProperty({ description: 'The day the decision was served (YYYY-MM-DD).' })
  @Matches(DAY, { message: DAY_MESSAGE })
  date!: string;

  @ApiProperty({ enum: SERVICE_METHODS, description: 'How it was served.' })
  @IsIn(SERVICE_METHODS)
  method!: string;

  @ApiProperty({ description: 'Who received it.' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  recipient!: string;

  @ApiPropertyOptional({
    description: "The party's consent to electronic service (required for `electronic`).",
  })
  @IsOptional()
  @IsBoolean()
  consent?: boolean;
}

export class PublishActionDto extends DatedDto {
  @ApiPropertyOptional({ description: 'Where it was published, e.g. 国家企业信用信息公示系统.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  channel?: string;
}

export class RecordPaymentActionDto extends NoteDto {
  @ApiProperty({ description: 'The day the payment was received (YYYY-MM-DD).' })
  @Matches(DAY, { message: DAY_MESSAGE })
  date!: string;

  @ApiProperty({ description: 'The amount paid, in yuan.', example: '200000.00' })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount!: string;
}

export class CloseActionDto extends NoteDto {}

class ReasonDto extends NoteDto {
  @ApiProperty({ description: 'Why.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  reason!: string;
}

export class NoPenaltyActionDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'The article that grants it (e.g. APL art. 33).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  basis?: string;

  @ApiPropertyOptional({ description: "The party's address (a decision states it)." })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  partyAddress?: string;
}

export class WithdrawActionDto extends ReasonDto {}

export class TransferActionDto extends ReasonDto {
  @ApiProperty({ description: 'The authority the case is transferred to.' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  recipientAuthority!: string;
}

export class ExtendActionDto extends ReasonDto {
  @ApiPropertyOptional({
    enum: ['filing', 'decision'],
    description: 'Which period: the filing period before filing, the decision period after (default).',
  })
  @IsOptional()
  @IsIn(['filing', 'decision'])
  deadline?: 'filing' | 'decision';

  @ApiProperty({ description: 'Days added (filing: up to 15 working days; decision: up to 30 days).' })
  @IsInt()
  @Min(1)
  @Max(30)
  days!: number;
}

/** What a step did. */
export class ActionDocumentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'filing-approval, penalty-notice, hearing-notice, decision, …' }) kind!: string;
  @ApiProperty({ description: 'SHA-256 of the PDF bytes, recorded when issued.' }) sha256!: string;
  @ApiProperty() issuedAt!: string;
}

export class ActionOutcomeDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'The step number within the case.' }) seq!: number;
  @ApiProperty() action!: string;
  @ApiProperty({ description: 'The case state after the step.' }) state!: string;
  @ApiProperty({ description: 'The day the step takes effect.' }) date!: string;
  @ApiPropertyOptional({ type: ActionDocumentDto, nullable: true }) document!: ActionDocumentDto | null;
}
