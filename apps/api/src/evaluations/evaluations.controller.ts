import { Controller, HttpCode, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Policy } from '../auth/policy.decorator';
import { ProblemDto } from '../problem/problem.dto';
import { EvaluationReportDto, EvaluationUploadDto } from './evaluations.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Post()
  @HttpCode(200)
  @Policy('create', 'Evaluation')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EvaluationUploadDto })
  @ApiOkResponse({
    type: EvaluationReportDto,
    description: 'Rates with exact 95 % intervals, DET, EER and the verdict',
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'A bad CSV, claim or threshold, naming the field',
  })
  evaluate(@Req() req: Request): Promise<EvaluationReportDto> {
    return this.evaluations.evaluate(req);
  }

  /**
   * The PDF report of the same upload (same fields as POST /api/evaluations). Evaluation runs are not
   * stored: send the upload again to get the report again.
   */
  @Post('report')
  @HttpCode(200)
  @Policy('create', 'Evaluation')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EvaluationUploadDto })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The evaluation report as a PDF (DET curves on normal-deviate axes); ETag is its SHA-256',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'A bad CSV, claim or threshold, naming the field',
  })
  async report(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const r = await this.evaluations.report(req);
    res.setHeader('ETag', `"${r.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    const name = `evaluation-${r.fileName.replace(/\.[^.]*$/, '')}.pdf`;
    return new StreamableFile(r.pdf, {
      type: 'application/pdf',
      length: r.pdf.length,
      disposition: `attachment; filename="evaluation-report.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }
}
