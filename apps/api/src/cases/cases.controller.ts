import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Principal } from '@app/auth';
import { CaseViewService, CaseWorkflowService, type ActionOutcome } from '@app/cases';
import { PROCEDURE_ERRORS, ProcedureError } from '@app/procedure';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { ProblemDto } from '../problem/problem.dto';
import {
  ActionOutcomeDto,
  AssignActionDto,
  CloseActionDto,
  DecideActionDto,
  DefendActionDto,
  ExtendActionDto,
  FileActionDto,
  NoPenaltyActionDto,
  NotifyActionDto,
  ProposeActionDto,
  PublishActionDto,
  RecordHearingActionDto,
  RecordPaymentActionDto,
  RequestHearingActionDto,
  ReviewActionDto,
  ScheduleHearingActionDto,
  ServeActionDto,
  TransferActionDto,
  WithdrawActionDto,
} from './case-actions.dto';
import {
  CaseCandidatesDto,
  CaseDetailDto,
  CaseDocumentDto,
  CaseListQueryDto,
  CasePageDto,
  OpenClueDto,
  OpenedClueDto,
} from './cases.dto';

const NOT_IN_SCOPE = { type: ProblemDto, description: 'No such case in your scope' };

/** The answers every action route documents besides its success. */
const ActionResponses = () =>
  applyDecorators(
    ApiOkResponse({ type: ActionOutcomeDto, description: 'The step taken: new state, the document issued' }),
    ApiNotFoundResponse(NOT_IN_SCOPE),
    ApiForbiddenResponse({
      type: ProblemDto,
      description: 'Your role may not take this action, or four eyes (PROCEDURE.FOUR_EYES)',
    }),
    ApiConflictResponse({
      type: ProblemDto,
      description:
        "The case's state, a closed window (details.lastDay) or a legal precondition does not allow it",
    }),
    ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Invalid body (the field is named)' }),
  );

/** The answers of a picker's list: only for whoever may take the action on the case now. */
const CandidateResponses = () =>
  applyDecorators(
    ApiOkResponse({ type: CaseCandidatesDto, description: 'The people the form may name' }),
    ApiNotFoundResponse(NOT_IN_SCOPE),
    ApiForbiddenResponse({
      type: ProblemDto,
      description: 'You may not take this action on the case (PROCEDURE.ROLE_NOT_PERMITTED)',
    }),
    ApiConflictResponse({ type: ProblemDto, description: "The case's state does not allow the action" }),
  );

/**
 * Cases as administrative-penalty procedures (docs/api.md "Cases"): the list and detail in your scope, a clue
 * entered by hand, and one route per action of the procedure (`POST /api/cases/{id}/actions/{action}`).
 */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly workflow: CaseWorkflowService,
    private readonly view: CaseViewService,
  ) {}

  @Get()
  @Policy('read', 'Case')
  @ApiOkResponse({ type: CasePageDto, description: 'Cases in your scope, newest first' })
  async list(@CurrentPrincipal() principal: Principal, @Query() q: CaseListQueryDto): Promise<CasePageDto> {
    const page = await this.view.list(principal, {
      ...(q.firm ? { firm: q.firm } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(q.cursor ? { cursor: decodeCursor(q.cursor, 'string') ?? undefined } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
    });
    return { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
  }

  @Post()
  @Policy('create', 'Case')
  @ApiOperation({ summary: 'Open a clue (线索) by hand for a registered firm in your region' })
  @ApiCreatedResponse({ type: OpenedClueDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such firm in your scope' })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Invalid body (the field is named)' })
  openClue(@CurrentPrincipal() principal: Principal, @Body() body: OpenClueDto): Promise<OpenedClueDto> {
    return this.workflow.openClue(principal, body);
  }

  @Get(':id')
  @Policy('read', 'Case')
  @AuditRead('Case')
  @ApiOkResponse({
    type: CaseDetailDto,
    description:
      'Header, handlers, timeline, deadlines, parties, assessment, precedents, documents and your actions',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such case in your scope' })
  detail(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CaseDetailDto> {
    return this.view.detail(principal, id);
  }

  @Get(':id/documents')
  @Policy('read', 'Document')
  @ApiOkResponse({ type: [CaseDocumentDto], description: 'The documents the case issued, in order' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such case in your scope' })
  documents(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CaseDocumentDto[]> {
    return this.view.documents(principal, id);
  }

  @Get(':id/actions/assign/candidates')
  @Policy('act', 'Case')
  @ApiOperation({
    summary:
      "Who may be assigned as handler: the enabled inspectors of the case's region with an enforcement certificate number.",
  })
  @CandidateResponses()
  assignCandidates(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<CaseCandidatesDto> {
    return this.view.candidates(principal, id, 'assign');
  }

  @Get(':id/actions/schedule-hearing/candidates')
  @Policy('act', 'Case')
  @ApiOperation({
    summary: "Who may host the hearing: the enabled officers of the case's region who are not its handlers.",
  })
  @CandidateResponses()
  hostCandidates(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<CaseCandidatesDto> {
    return this.view.candidates(principal, id, 'schedule-hearing');
  }

  @Post(':id/actions/file')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: '立案: clue → filed (head). Issues the filing approval (立案审批表).' })
  @ActionResponses()
  file(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: FileActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'file', { ...body });
  }

  @Post(':id/actions/assign')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({
    summary: 'Assign two or more certified handlers (head, or an inspector for a team he is in).',
  })
  @ActionResponses()
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: AssignActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'assign', { ...body });
  }

  @Post(':id/actions/propose')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Propose the fine inside the legal range (an assigned handler).' })
  @ActionResponses()
  propose(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ProposeActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'propose', { ...body });
  }

  @Post(':id/actions/review')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Legal review (法制审核) by a reviewer who neither handles nor proposed.' })
  @ActionResponses()
  review(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ReviewActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'review', { ...body });
  }

  @Post(':id/actions/notify')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({
    summary:
      'Notice of the proposed penalty (行政处罚告知书, head); opens the statement and, for a large amount, hearing windows.',
  })
  @ActionResponses()
  notify(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: NotifyActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'notify', { ...body });
  }

  @Post(':id/actions/defend')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: "The firm's statement and defence, within its window (the firm's account)." })
  @ActionResponses()
  defend(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: DefendActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'defend', { ...body });
  }

  @Post(':id/actions/request-hearing')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({
    summary: 'The firm asks for a hearing within its window (409 naming the last day after it).',
  })
  @ActionResponses()
  requestHearing(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: RequestHearingActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'request-hearing', { ...body });
  }

  @Post(':id/actions/schedule-hearing')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Schedule the hearing (听证通知书), at least seven working days ahead.' })
  @ActionResponses()
  scheduleHearing(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ScheduleHearingActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'schedule-hearing', { ...body });
  }

  @Post(':id/actions/record-hearing')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Record the hearing (the host or a handler).' })
  @ActionResponses()
  recordHearing(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: RecordHearingActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'record-hearing', { ...body });
  }

  @Post(':id/actions/decide')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({
    summary:
      'Decision (行政处罚决定书) by a head who did not propose (four eyes); never above the notified amount.',
  })
  @ActionResponses()
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: DecideActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'decide', { ...body });
  }

  @Post(':id/actions/serve')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Record service of the decision (送达回证).' })
  @ActionResponses()
  serve(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ServeActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'serve', { ...body });
  }

  @Post(':id/actions/publish')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Record publication of the decision.' })
  @ActionResponses()
  publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: PublishActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'publish', { ...body });
  }

  @Post(':id/actions/record-payment')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Record a payment of the fine.' })
  @ActionResponses()
  recordPayment(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: RecordPaymentActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'record-payment', { ...body });
  }

  @Post(':id/actions/close')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Close the paid and published case (结案, head).' })
  @ActionResponses()
  close(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: CloseActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'close', { ...body });
  }

  @Post(':id/actions/no-penalty')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Decide not to impose a penalty (不予行政处罚决定书, head).' })
  @ActionResponses()
  noPenalty(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: NoPenaltyActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'no-penalty', { ...body });
  }

  @Post(':id/actions/withdraw')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Withdraw the filing (撤销立案, head).' })
  @ActionResponses()
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: WithdrawActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'withdraw', { ...body });
  }

  @Post(':id/actions/transfer')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Transfer the case to another authority (案件移送函, head).' })
  @ActionResponses()
  transfer(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: TransferActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'transfer', { ...body });
  }

  @Post(':id/actions/extend')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'Extend the filing or decision period once (head).' })
  @ActionResponses()
  extend(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ExtendActionDto,
  ): Promise<ActionOutcome> {
    return this.workflow.act(principal, id, 'extend', { ...body });
  }

  /** Any other action name: the procedure has no such action (404 PROCEDURE.UNKNOWN_ACTION). */
  @Post(':id/actions/:action')
  @HttpCode(200)
  @Policy('act', 'Case')
  @ApiOperation({ summary: 'An action the procedure does not have', deprecated: true })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such action (PROCEDURE.UNKNOWN_ACTION)' })
  unknownAction(@Param('action') action: string): never {
    throw new ProcedureError(PROCEDURE_ERRORS.UNKNOWN_ACTION, `the procedure has no action "${action}"`, {
      action,
    });
  }
}
