import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'threshold' })
  field!: string;
  @ApiProperty()
  message!: string;
}

/** RFC 9457 problem details (`application/problem+json`), with bioaudit's stable error code. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:bioaudit:problem:API.NOT_FOUND' })
  type!: string;
  @ApiProperty({ example: 'Not Found' })
  title!: string;
  @ApiProperty({ example: 404 })
  status!: number;
  @ApiProperty()
  detail!: string;
  @ApiProperty({ example: 'API.NOT_FOUND', description: 'The same code the CLI prints for the same failure' })
  code!: string;
  @ApiProperty({ example: '/api/firms/91330200MA2XXXXXXX' })
  instance!: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'With 422: each field the request got wrong' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({
    example: '2026-02-24',
    description: 'The last day of the time limit a 409 rests on',
  })
  lastDay?: string;
  @ApiPropertyOptional({
    example: '2027-01-06',
    description: 'Past the last holiday notice: the last day a party is still heard (docs/procedure.md)',
  })
  acceptedUntil?: string;
  @ApiPropertyOptional({ description: 'The date rests on a year whose holiday notice is not yet published' })
  provisional?: boolean;
  @ApiPropertyOptional({ example: '2026-03-04', description: 'The earliest date a step may take' })
  earliest?: string;
  @ApiPropertyOptional({
    example: 'APL (2021) art. 64(1) with art. 85',
    description: 'The article a refusal rests on',
  })
  basis?: string;
}
