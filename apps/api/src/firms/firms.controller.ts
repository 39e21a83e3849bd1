import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { BatchPageDto } from '../batches/batches.dto';
import { PageQueryDto } from '../common/pagination';
import { ProblemDto } from '../problem/problem.dto';
import { FirmDetailDto, FirmPageDto } from './firms.dto';
import { FirmsService } from './firms.service';

@ApiTags('firms')
@Controller('firms')
export class FirmsController {
  constructor(private readonly firms: FirmsService) {}

  @Get()
  @Policy('read', 'Firm')
  @ApiOkResponse({ type: FirmPageDto, description: 'Firms in your scope, by credit code' })
  list(@CurrentPrincipal() principal: Principal, @Query() q: PageQueryDto): Promise<FirmPageDto> {
    return this.firms.list(scopeOf(principal), q.cursor, q.limit);
  }

  @Get(':creditCode')
  @Policy('read', 'Firm')
  @ApiOkResponse({
    type: FirmDetailDto,
    description: 'The firm with its sites, devices and a summary of its batches',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such firm in your scope' })
  detail(
    @CurrentPrincipal() principal: Principal,
    @Param('creditCode') creditCode: string,
  ): Promise<FirmDetailDto> {
    return this.firms.detail(scopeOf(principal), creditCode);
  }

  @Get(':creditCode/batches')
  @Policy('read', 'Batch')
  @ApiOkResponse({ type: BatchPageDto, description: "The firm's batches, oldest first" })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such firm in your scope' })
  batches(
    @CurrentPrincipal() principal: Principal,
    @Param('creditCode') creditCode: string,
    @Query() q: PageQueryDto,
  ): Promise<BatchPageDto> {
    return this.firms.batches(scopeOf(principal), creditCode, q.cursor, q.limit);
  }
}
