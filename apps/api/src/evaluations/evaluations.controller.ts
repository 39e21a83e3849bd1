import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '@app/auth';
import type { EvaluationRunRow, EvaluationRunSummary } from '@app/persistence';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { decodeCursor, DEFAULT_LIMIT, PageQueryDto, pageOf } from '../common/pagination';
import { ValidationError } from '../problem/problem';
import { ProblemDto } from '../problem/problem.dto';
import {
  EvaluationReportDto,
  EvaluationRunDto,
  EvaluationRunPageDto,
  EvaluationUploadDto,
  TrialLogReportDto,
  type EvaluationRunSummaryDto,
} from './evaluations.dto';
import { EvaluationsService } from './evaluations.service';

/**
 * Accuracy evaluations of vendors' claims: each upload is evaluated, kept (`evaluation_run`, append-only, the
 * files sealed in the evidence store) and read back later; the PDF is rendered from the stored run. Who may
 * run and read them is the `Evaluation` policy (inspectors run them; officers read them, in their region).
 */
@ApiTags('evaluations')
@ApiBearerAuth()
@ApiExtraModels(EvaluationReportDto, TrialLogReportDto)
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Post()
  @HttpCode(201)
  @Policy('create', 'Evaluation')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EvaluationUploadDto })
  @ApiCreatedResponse({
    type: EvaluationRunDto,
    description: 'The stored run: rates with exact 95 % intervals, DET, EER and the verdict',
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'A bad CSV, trial log, image, claim or threshold, naming the field',
  })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'Larger than BIOAUDIT_UPLOAD_MAX_BYTES' })
  async create(@Req() req: Request, @CurrentPrincipal() principal: Principal): Promise<EvaluationRunDto> {
    return runDto(await this.evaluations.create(req, principal));
  }

  @Get()
  @Policy('read', 'Evaluation')
  @ApiOkResponse({
    type: EvaluationRunPageDto,
    description: 'Runs newest first (a regional officer: its region’s)',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() q: PageQueryDto,
  ): Promise<EvaluationRunPageDto> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const before = decodeCursor(q.cursor, 'string');
    if (before !== null && !/^\d{1,18}$/.test(before)) {
      throw new ValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
    }
    const rows = await this.evaluations.list(principal, before ?? undefined, limit + 1);
    return pageOf(rows, limit, (r) => r.id, summaryDto);
  }

  @Get(':id')
  @Policy('read', 'Evaluation')
  @AuditRead('Evaluation')
  @ApiOkResponse({ type: EvaluationRunDto, description: 'The stored run with its claim, files and report' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such run, or not in the caller’s region' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<EvaluationRunDto> {
    return runDto(await this.evaluations.get(id, principal));
  }

  /** The PDF report of a stored run (the renderer `bioaudit evaluate … --pdf` uses), dated by the run. */
  @Get(':id/report.pdf')
  @Policy('read', 'Evaluation')
  @AuditRead('Evaluation')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The evaluation report as a PDF (DET curves on normal-deviate axes); ETag is its SHA-256',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such run, or not in the caller’s region' })
  async report(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const r = await this.evaluations.report(id, principal);
    res.setHeader('ETag', `"${r.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    const name = `evaluation-${id}-${r.fileName.replace(/\.[^.]*$/, '')}.pdf`;
    return new StreamableFile(r.pdf, {
      type: 'application/pdf',
      length: r.pdf.length,
      disposition: `attachment; filename="evaluation-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }
}

function summaryDto(r: EvaluationRunSummary): EvaluationRunSummaryDto {
  return {
    id: r.id,
    kind: r.kind,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    file: { name: r.fileName, bytes: Number(r.fileBytes), sha256: r.fileSha256 },
    threshold: r.threshold,
    verdict: r.verdict,
    vendor: r.vendor,
    device: r.device,
  };
}

function runDto(r: EvaluationRunRow): EvaluationRunDto {
  return {
    ...summaryDto(r),
    claim: (r.claim ?? null) as EvaluationRunDto['claim'],
    attachments: r.attachments,
    report: r.report as unknown as EvaluationRunDto['report'],
  };
}
