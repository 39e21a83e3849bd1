import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TERMINAL_PROTOCOLS, type TerminalProtocol } from '@app/collection';

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const CREDIT_CODE_MESSAGE = 'firm must be an 18-character unified social credit code';

/** `GET /api/devices?firm=`. */
export class DevicesQueryDto {
  @ApiPropertyOptional({ description: "Only this firm's terminals (its unified social credit code)" })
  @IsOptional()
  @Matches(CREDIT_CODE, { message: CREDIT_CODE_MESSAGE })
  firm?: string;
}

/**
 * `POST /api/devices`: a terminal to collect from, as `bioaudit devices add` takes it. The password is
 * write-only: it is sealed before it is stored and no answer, log or audit entry ever carries it.
 */
export class NewDeviceEndpointDto {
  @ApiProperty({ example: '91330201MA2GT0AB16', description: "The firm's unified social credit code" })
  @Matches(CREDIT_CODE, { message: CREDIT_CODE_MESSAGE })
  firm!: string;

  @ApiProperty({
    example: 'DS-K1T671-01',
    maxLength: 200,
    description: "The firm's own device id (the device is created when the firm has not declared it)",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  device!: string;

  @ApiProperty({
    enum: TERMINAL_PROTOCOLS,
    description:
      'How the terminal is reached: `hikvision-isapi` (ISAPI AcsEvent search) or `dahua-cgi` (recordFinder.cgi, AccessControlCardRec)',
  })
  @IsIn(TERMINAL_PROTOCOLS)
  vendor!: TerminalProtocol;

  @ApiProperty({
    example: 'http://10.20.0.15:80',
    maxLength: 2000,
    description: 'The terminal, `http(s)://host[:port]` with no path: nothing else is ever requested',
  })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ example: 'admin', maxLength: 200, description: 'The terminal account (HTTP digest)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  username!: string;

  @ApiProperty({
    writeOnly: true,
    format: 'password',
    maxLength: 1000,
    description: 'The terminal account’s password: sealed at rest, never returned',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password!: string;

  @ApiPropertyOptional({
    example: 'S-1',
    maxLength: 200,
    description: "The firm's site of a device it has not declared (default: the firm's only site)",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  site?: string;

  @ApiPropertyOptional({
    example: '2026-01-01',
    maxLength: 40,
    description:
      "Collect from here on the first run: a date (the firm's midnight) or an ISO 8601 instant in the past; default everything the terminal holds",
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  since?: string;
}

/** A registered terminal: everything but the credential (`endpointView`). */
export class DeviceEndpointDto {
  @ApiProperty({ example: '12', description: 'The endpoint id (`/api/devices/{id}`)' }) id!: string;
  @ApiProperty({ example: '91330201MA2GT0AB16' }) firm!: string;
  @ApiProperty({ example: 'DS-K1T671-01', description: "The firm's own device id" }) device!: string;
  @ApiProperty({ enum: TERMINAL_PROTOCOLS }) protocol!: string;
  @ApiProperty({ example: 'http://10.20.0.15' }) url!: string;
  @ApiProperty({ example: 'admin' }) username!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Where the first collection starts (null: everything the terminal holds)',
  })
  since!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Everything before it is stored (null: never collected)',
  })
  cursor!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() registeredBy!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastCollectedAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the last collection failed (code: message)',
  })
  lastError!: string | null;
}

export class CollectionAlertDto {
  @ApiProperty({ example: 'COLLECT.QUARANTINED' }) code!: string;
  @ApiProperty({ example: 'DeviceEndpoint:12' }) object!: string;
  @ApiProperty() message!: string;
}

/** What one collection did (the summary `bioaudit devices collect --json` prints). */
export class CollectionRunDto {
  @ApiProperty({ description: 'The endpoint id' }) endpoint!: string;
  @ApiProperty() firm!: string;
  @ApiProperty() device!: string;
  @ApiProperty({ description: 'Time windows collected' }) windows!: number;
  @ApiProperty({ description: 'Pages fetched (each kept raw as a batch)' }) pages!: number;
  @ApiProperty() unreadablePages!: number;
  @ApiProperty() repeatedPages!: number;
  @ApiProperty() passes!: number;
  @ApiProperty({ description: 'Events the terminal reported' }) fetched!: number;
  @ApiProperty({ description: 'New capture events stored' }) stored!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() conflicts!: number;
  @ApiProperty({ description: 'Events that are not face captures' }) skipped!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ description: 'Batches the pages became (new or already held)' }) batches!: number;
  @ApiProperty({ nullable: true, type: String }) firstBatch!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastBatch!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The cursor after the run' })
  cursor!: string | null;
  @ApiProperty({ type: CollectionAlertDto, isArray: true, description: 'Quarantined events, if any' })
  alerts!: CollectionAlertDto[];
}
