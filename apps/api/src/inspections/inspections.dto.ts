import { ApiProperty } from '@nestjs/swagger';

export class InspectionCreatedDto {
  @ApiProperty({ format: 'uuid', description: 'Poll GET /api/inspections/{id}' })
  id!: string;
}

export class InspectionProgressDto {
  @ApiProperty({ type: String, nullable: true, enum: ['ingest', 'audit', 'assess', 'render'] })
  stage!: string | null;
  @ApiProperty({ description: 'Capture records processed so far' })
  captures!: number;
  @ApiProperty({ description: 'Consent records processed so far' })
  consents!: number;
}

export class InspectionErrorDto {
  @ApiProperty({ example: 'INGEST.FIRM_INVALID' })
  code!: string;
  @ApiProperty()
  message!: string;
}

export class InspectionStatusDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] })
  status!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The firm of the folder (its firm.json's credit code)",
  })
  firm!: string | null;
  @ApiProperty({ type: InspectionProgressDto })
  progress!: InspectionProgressDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'When done: the same document `bioaudit inspect --json` prints',
  })
  result!: Record<string, unknown> | null;
  @ApiProperty({ type: InspectionErrorDto, nullable: true })
  error!: InspectionErrorDto | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
