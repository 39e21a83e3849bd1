import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import {
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '@app/auth';
import { CaseViewService } from '@app/cases';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { ProblemDto } from '../problem/problem.dto';

/** The documents cases issued, as frozen PDFs. */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly view: CaseViewService) {}

  /**
   * The PDF exactly as issued: its bytes are checked against the SHA-256 recorded at issue on the way out
   * (the ETag); a mismatch is a 500 EVIDENCE.DOCUMENT_TAMPERED, never served.
   */
  @Get(':id')
  @Policy('read', 'Document')
  @AuditRead('Document')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF; ETag is its SHA-256 (as listed by GET /api/cases/{id}/documents)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such document in your scope' })
  @ApiInternalServerErrorResponse({
    type: ProblemDto,
    description: 'The stored bytes do not match the recorded SHA-256 (EVIDENCE.DOCUMENT_TAMPERED)',
  })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const d = await this.view.download(principal, id);
    res.setHeader('ETag', `"${d.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(d.pdf, {
      type: 'application/pdf',
      length: d.pdf.length,
      disposition: `attachment; filename="document-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
    });
  }
}
