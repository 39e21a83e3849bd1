import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError } from '@app/common';
import {
  abilityFor,
  AccountService,
  asSubject,
  AUTH_ERRORS,
  parseDuration,
  scopeOf,
  TokenService,
  type Principal,
} from '@app/auth';
import { CurrentPrincipal, Policy } from './policy.decorator';
import { CreatedTokenDto, CreateTokenDto, TokenDto, TokenListDto, TokenListQueryDto } from './tokens.dto';

/** Bearer tokens: everyone's own; admins all of them, and firm API keys for firm accounts. */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('tokens')
export class TokensController {
  constructor(
    private readonly tokens: TokenService,
    private readonly accounts: AccountService,
  ) {}

  @Post()
  @Policy('create', 'Token')
  @ApiCreatedResponse({ type: CreatedTokenDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateTokenDto,
  ): Promise<CreatedTokenDto> {
    let ownerId = principal.userId;
    if (body.username !== undefined && body.username !== principal.username) {
      const owner = await this.accounts.byUsername(body.username).catch(() => null);
      const ability = abilityFor(principal);
      if (!owner || !ability.can('create', asSubject('Token', { userId: owner.id }))) {
        throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no account ${body.username}`, {
          username: body.username,
        });
      }
      // A person's token is made by that person; an admin issues only firm accounts' API keys.
      if (!owner.roles.includes('firm')) {
        throw new DomainError(
          AUTH_ERRORS.FORBIDDEN,
          `${body.username} is not a firm account: a person creates their own tokens`,
        );
      }
      // A regional admin issues keys for the firms of the region only.
      await this.accounts.get(owner.id, regionScope(principal));
      ownerId = owner.id;
    }
    const lifetimeMs = body.expiresIn === undefined ? undefined : parseDuration(body.expiresIn);
    const { token, view } = await this.tokens.create(
      ownerId,
      { name: body.name, lifetimeMs },
      principal.username,
    );
    return { token, details: view };
  }

  @Get()
  @Policy('read', 'Token')
  @ApiOkResponse({ type: TokenListDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() q: TokenListQueryDto): Promise<TokenListDto> {
    // Only an admin's grant is unconditional ('manage'); everyone else sees their own.
    if (!abilityFor(principal).can('manage', 'Token')) {
      return { items: await this.tokens.list(principal.userId) };
    }
    const scope = regionScope(principal);
    const userId = q.username === undefined ? null : (await this.accounts.byUsername(q.username)).id;
    if (userId !== null) await this.accounts.get(userId, scope);
    const items = await this.tokens.list(userId);
    if (scope.regionPrefix === undefined) return { items };
    // A regional admin sees the tokens of the region's accounts only.
    const inRegion = new Set((await this.accounts.list(scope)).map((a) => a.id));
    return { items: items.filter((t) => inRegion.has(t.userId)) };
  }

  @Delete(':id')
  @Policy('delete', 'Token')
  @ApiOkResponse({ type: TokenDto, description: 'Revoked (a token already revoked keeps its first time)' })
  @ApiNotFoundResponse({ description: 'AUTH.NOT_FOUND: no such token of yours' })
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TokenDto> {
    const token = await this.tokens.get(id);
    if (!abilityFor(principal).can('delete', asSubject('Token', { userId: token.userId }))) {
      throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no token ${id}`, { id });
    }
    if (token.userId !== principal.userId) await this.accounts.get(token.userId, regionScope(principal));
    return this.tokens.revoke(id, principal.username);
  }
}

/** The region a regional admin manages (none: the whole bureau). */
function regionScope(principal: Principal): { regionPrefix?: string } {
  const { regionPrefix } = scopeOf(principal);
  return regionPrefix === undefined ? {} : { regionPrefix };
}
