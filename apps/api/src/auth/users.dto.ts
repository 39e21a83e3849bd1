import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '@app/auth';

/** `POST /api/users`. The account rules (docs/api.md "Roles") are checked by the service (422 AUTH.INVALID_ACCOUNT). */
export class CreateUserDto {
  @ApiProperty({ example: 'wang.wu', description: 'Lower-case letters, digits, dot, dash, underscore.' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,62}$/)
  username!: string;

  @ApiPropertyOptional({ example: '王五' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['inspector'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ example: '3302', description: 'Division-code prefix (2, 4 or 6 digits).' })
  @IsOptional()
  @Matches(/^\d{2,6}$/)
  regionCode?: string;

  @ApiPropertyOptional({ example: '91330200MA2GXXXX1X', description: "A firm account's credit code." })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
  firmCreditCode?: string;

  @ApiPropertyOptional({
    example: '33020019001',
    description: "An officer's enforcement certificate number.",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  certificateNumber?: string;

  @ApiPropertyOptional({ format: 'password', description: 'Absent: one is generated and returned once.' })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password?: string;
}

/** `PATCH /api/users/{id}`: null clears a field. */
export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Matches(/^\d{2,6}$/)
  regionCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  certificateNumber?: string | null;

  @ApiPropertyOptional({ description: 'true: the account can no longer sign in; its sessions end.' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

/** An account (never its password). */
export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ nullable: true, type: String }) regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) firmCreditCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) certificateNumber!: string | null;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lockedUntil!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiPropertyOptional({ description: 'The generated password, when none was given: shown this once.' })
  password?: string;
}

export class UserListDto {
  @ApiProperty({ type: UserDto, isArray: true }) items!: UserDto[];
}
