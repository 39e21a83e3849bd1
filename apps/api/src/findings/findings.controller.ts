import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { ProblemDto } from '../problem/problem.dto';
import { FindingDetailDto, FindingPageDto, FindingsQueryDto } from './findings.dto';
import { FindingsService } from './findings.service';

@ApiTags('findings')
@Controller('findings')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  @Get()
  @Policy('read', 'Finding')
  // Findings name subjects (pseudonymised references): every read is in the audit log.
  @AuditRead('Finding')
  @ApiOkResponse({ type: FindingPageDto, description: 'Findings in your scope matching the filters, by id' })
  list(@CurrentPrincipal() principal: Principal, @Query() q: FindingsQueryDto): Promise<FindingPageDto> {
    return this.findings.list(scopeOf(principal), q);
  }

  @Get(':id')
  @Policy('read', 'Finding')
  // Findings name subjects (pseudonymised references): every read is in the audit log.
  @AuditRead('Finding')
  @ApiOkResponse({
    type: FindingDetailDto,
    description:
      'The finding down to its input lines (file, line, event id, batch hash) and the consents considered',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such finding in your scope' })
  detail(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<FindingDetailDto> {
    return this.findings.detail(scopeOf(principal), id);
  }
}
