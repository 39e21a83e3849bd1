import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { PageQueryDto } from '../common/pagination';
import { ProblemDto } from '../problem/problem.dto';
import { BatchDto, QuarantinePageDto, VerifyResultDto } from './batches.dto';
import { BatchesService } from './batches.service';

@ApiTags('batches')
@Controller('batches')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such batch in your scope' })
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get(':id')
  @Policy('read', 'Batch')
  @ApiOkResponse({
    type: BatchDto,
    description: 'The batch with its chain-of-custody facts and reconciled counts',
  })
  batch(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<BatchDto> {
    return this.batches.batch(scopeOf(principal), id);
  }

  @Get(':id/quarantine')
  @Policy('read', 'Batch')
  // Quarantined lines quote the firm's records (subject references among them): every read is audited.
  @AuditRead('Batch')
  @ApiOkResponse({ type: QuarantinePageDto, description: 'The input lines the batch quarantined, by line' })
  quarantine(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() q: PageQueryDto,
  ): Promise<QuarantinePageDto> {
    return this.batches.quarantine(scopeOf(principal), id, q.cursor, q.limit);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Policy('read', 'Batch')
  @ApiOkResponse({
    type: VerifyResultDto,
    description: 'The stored raw file re-hashed against the custody chain (intact false when it was altered)',
  })
  verify(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<VerifyResultDto> {
    return this.batches.verify(scopeOf(principal), id, principal.username);
  }
}
