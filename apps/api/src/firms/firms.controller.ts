import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { BatchPageDto } from '../batches/batches.dto';
import { PageQueryDto } from '../common/pagination';
import { ProblemDto } from '../problem/problem.dto';
import { FirmCoverageDto, FirmDetailDto, FirmNoticeDto, FirmPageDto, FirmSupervisionDto } from './firms.dto';
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

  @Get(':creditCode/coverage')
  @Policy('read', 'Firm')
  @ApiOkResponse({
    type: FirmCoverageDto,
    description:
      "Consent coverage over time: the firm's captures per month (its time zone) and how many of them capture findings name",
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such firm in your scope' })
  coverage(
    @CurrentPrincipal() principal: Principal,
    @Param('creditCode') creditCode: string,
  ): Promise<FirmCoverageDto> {
    return this.firms.coverage(scopeOf(principal), creditCode);
  }

  @Get(':creditCode/notices')
  @Policy('read', 'Firm')
  @ApiOkResponse({
    type: [FirmNoticeDto],
    description:
      "The consent watch's notices to the firm, newest first: a consent withdrawn or expired while its terminals kept capturing the same person",
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such firm in your scope' })
  notices(
    @CurrentPrincipal() principal: Principal,
    @Param('creditCode') creditCode: string,
  ): Promise<FirmNoticeDto[]> {
    return this.firms.noticesOf(scopeOf(principal), creditCode);
  }

  @Get(':creditCode/supervision')
  @Policy('read', 'Supervision')
  @ApiOkResponse({
    type: FirmSupervisionDto,
    description:
      "The scheduled re-audits' new findings at the firm by reason, newest first, and the clue they keep open (officers only: the bureau's working record of its supervision, like the dashboard's figures)",
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such firm in your scope' })
  supervision(
    @CurrentPrincipal() principal: Principal,
    @Param('creditCode') creditCode: string,
  ): Promise<FirmSupervisionDto> {
    return this.firms.supervisionOf(scopeOf(principal), creditCode);
  }
}
