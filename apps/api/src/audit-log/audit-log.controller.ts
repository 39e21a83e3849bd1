import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { AuditLogRepository } from '@app/persistence';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { AuditRead } from './audit-read.decorator';
import { AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto';

const DEFAULT_LIMIT = 100;

/**
 * The audit log for admins and observers, newest first. A caller with a region sees the rows of actors who
 * are accounts of that region; a bureau-wide caller sees every row (the CLI's too).
 */
@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogRepository) {}

  @Get()
  @Policy('read', 'AuditLog')
  @AuditRead('AuditLog')
  @ApiOkResponse({ type: AuditLogPageDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() q: AuditLogQueryDto,
  ): Promise<AuditLogPageDto> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const { regionPrefix } = scopeOf(principal);
    const rows = await this.auditLog.query({
      actor: q.actor,
      object: q.object,
      action: q.action,
      outcome: q.outcome,
      from: q.from === undefined ? undefined : new Date(q.from),
      to: q.to === undefined ? undefined : new Date(q.to),
      before: q.before,
      limit: limit + 1,
      regionPrefix,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
