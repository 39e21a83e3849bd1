import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AccountService, accountViewOf, scopeOf, type Principal } from '@app/auth';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { CurrentPrincipal, Policy } from './policy.decorator';
import { CreatedUserDto, CreateUserDto, UpdateUserDto, UserDto, UserListDto } from './users.dto';

/** Accounts, for admins (an admin with a region sees and manages that region's accounts only). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  @Policy('read', 'User')
  @AuditRead('User')
  @ApiOkResponse({ type: UserListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<UserListDto> {
    return { items: await this.accounts.list(regionScope(principal)) };
  }

  @Post()
  @Policy('create', 'User')
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiUnprocessableEntityResponse({ description: 'AUTH.INVALID_ACCOUNT / AUTH.WEAK_PASSWORD' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateUserDto,
  ): Promise<CreatedUserDto> {
    const { account, generatedPassword } = await this.accounts.create(
      body,
      principal.username,
      regionScope(principal),
    );
    return { user: account, ...(generatedPassword ? { password: generatedPassword } : {}) };
  }

  @Get(':id')
  @Policy('read', 'User')
  @AuditRead('User')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'AUTH.NOT_FOUND (also outside your region)' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<UserDto> {
    return accountViewOf(await this.accounts.get(id, regionScope(principal)));
  }

  @Patch(':id')
  @Policy('update', 'User')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'AUTH.NOT_FOUND (also outside your region)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.accounts.update(id, body, principal.username, regionScope(principal));
  }
}

/** The region an admin manages (none: the whole bureau). */
function regionScope(principal: Principal): { regionPrefix?: string } {
  const { regionPrefix } = scopeOf(principal);
  return regionPrefix === undefined ? {} : { regionPrefix };
}
