import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
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
}
