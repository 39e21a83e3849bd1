import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Single sign-on as the sign-in page offers it. */
export class SsoMethodDto {
  @ApiProperty({
    nullable: true,
    type: String,
    example: '政务统一身份认证',
    description: "The identity provider's name for the button (BIOAUDIT_OIDC_NAME); null: the generic label.",
  })
  name!: string | null;

  @ApiProperty({
    example: '/api/auth/sso',
    description: 'Where the button goes (add `?next=<portal path>`).',
  })
  startUrl!: string;
}

/** `GET /api/auth/methods`: how one may sign in here, asked before signing in. */
export class SignInMethodsDto {
  @ApiProperty({ description: 'Username and password (always offered).' })
  password!: boolean;

  @ApiProperty({
    type: SsoMethodDto,
    nullable: true,
    description: 'Single sign-on (OpenID Connect), or null when it is not configured.',
  })
  sso!: SsoMethodDto | null;
}

/** `GET /api/auth/sso`: leave for the identity provider. */
export class SsoStartQueryDto {
  @ApiPropertyOptional({
    example: '/cases',
    description: 'The portal path to land on once signed in (another origin is ignored: `/`).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  next?: string;
}
