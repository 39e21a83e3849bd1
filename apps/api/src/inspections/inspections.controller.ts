import { Controller, Get, HttpCode, Param, Post, Req, Sse } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { Principal } from '@app/auth';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { ProblemDto } from '../problem/problem.dto';
import { InspectionCreatedDto, InspectionStatusDto } from './inspections.dto';
import { InspectionRunsService } from './inspection-runs.service';

@ApiTags('inspections')
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly runs: InspectionRunsService) {}

  @Post()
  @HttpCode(202)
  @Policy('create', 'Inspection')
  @ApiConsumes('application/zip', 'multipart/form-data')
  @ApiBody({
    description:
      'The inspection folder (firm.json, devices.csv, captures, consents.csv[, case.json]) as a zip, or as multipart files whose names are their paths inside the folder (captures/day1.csv)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiAcceptedResponse({
    type: InspectionCreatedDto,
    description: 'Stored; the inspection runs in the background',
  })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'Larger than BIOAUDIT_UPLOAD_MAX_BYTES' })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'An unsafe archive or an empty upload' })
  async create(@CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<InspectionCreatedDto> {
    return { id: await this.runs.start(principal, req) };
  }

  @Get(':id')
  @Policy('read', 'Inspection')
  @ApiOkResponse({
    type: InspectionStatusDto,
    description: 'Status, progress, and when done the inspect --json document',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such inspection in your scope' })
  status(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<InspectionStatusDto> {
    return this.runs.status(principal, id);
  }

  @Sse(':id/events')
  @Policy('read', 'Inspection')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    type: InspectionStatusDto,
    description: 'Server-sent events: each `data` is the inspection status, until done or failed',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such inspection in your scope' })
  events(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<Observable<{ data: InspectionStatusDto }>> {
    return this.runs.events(principal, id);
  }
}
