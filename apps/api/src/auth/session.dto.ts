import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@app/auth';

/** `POST /api/session`: sign in. */
export class SignInDto {
  @ApiProperty({ example: 'wang.wu' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

/** `POST /api/session/password`: change one's own password. */
export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  oldPassword!: string;

  @ApiProperty({
    format: 'password',
    minLength: 12,
    description: 'At least 12 characters, not containing the username.',
  })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword!: string;
}

/** Who is calling. */
export class PrincipalDto {
  @ApiProperty() userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Division-code prefix the officer sees (3302 = Ningbo).',
  })
  regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "A firm account's unified social credit code." })
  firmCreditCode!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Enforcement certificate number (执法证号).' })
  certificateNumber!: string | null;
  @ApiProperty({ enum: ['session', 'token'] }) via!: 'session' | 'token';
  @ApiProperty({
    type: String,
    isArray: true,
    example: ['read:Case', 'create:Inspection'],
    description:
      'What this caller may do to some object of each kind (`action:Subject`, from the same ability every route checks); ' +
      'a client shows only these. Each object is still checked on its own (a case lists its own `actions`).',
  })
  permissions!: string[];
}

/** The signed-in session. */
export class SessionDto {
  @ApiProperty({ type: PrincipalDto }) principal!: PrincipalDto;
  @ApiPropertyOptional({
    description:
      'Send it back in the X-CSRF-Token header on every POST, PATCH, PUT and DELETE of this session.',
  })
  csrfToken?: string;
}

export class CsrfTokenDto {
  @ApiProperty({
    description: 'For the X-CSRF-Token header of unsafe requests made with the session cookie.',
  })
  csrfToken!: string;
}
