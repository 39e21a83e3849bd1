import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** `POST /api/tokens`. */
export class CreateTokenDto {
  @ApiPropertyOptional({ example: 'nightly export', description: 'What the token is for.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: '30d',
    description: 'Lifetime: <n>d, <n>h or <n>m, at most 730d. Default 90d.',
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,6}[mhd]$/)
  expiresIn?: string;

  @ApiPropertyOptional({
    description:
      "Whose token: absent for your own. An admin may issue an API key for a firm account; a person's token is created by that person.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  username?: string;
}

/** A token as listed: never the token itself. */
export class TokenDto {
  @ApiProperty() id!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastUsedAt!: string | null;
}

export class CreatedTokenDto {
  @ApiProperty({
    description: 'The bearer token (bioaudit_pat_…): shown this once, stored only as its SHA-256.',
  })
  token!: string;
  @ApiProperty({ type: TokenDto }) details!: TokenDto;
}

export class TokenListDto {
  @ApiProperty({ type: TokenDto, isArray: true }) items!: TokenDto[];
}

export class TokenListQueryDto {
  @ApiPropertyOptional({ description: "Admins: one account's tokens (default: every account's)." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  username?: string;
}
