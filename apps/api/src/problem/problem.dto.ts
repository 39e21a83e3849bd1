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
}
