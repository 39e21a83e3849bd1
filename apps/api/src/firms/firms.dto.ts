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
