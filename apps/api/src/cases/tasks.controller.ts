import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/auth';
import { CaseViewService } from '@app/cases';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { CaseTaskDto } from './cases.dto';

/** My work: the time limits near or past on the cases that concern me. */
@ApiTags('cases')
@Controller('tasks')
export class TasksController {
  constructor(private readonly view: CaseViewService) {}

  @Get()
  @Policy('read', 'Case')
  @ApiOkResponse({
    type: [CaseTaskDto],
    description:
      "Near or overdue time limits: of cases you handle (every open case in scope for a head or legal reviewer), or a firm's own windows",
  })
  tasks(@CurrentPrincipal() principal: Principal): Promise<CaseTaskDto[]> {
    return this.view.tasks(principal);
  }
}
