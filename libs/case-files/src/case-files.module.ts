import { Module } from '@nestjs/common';
import { CaseFileRenderer } from './pdf/case-file-renderer';

/** Provides the case-file renderer to the apps (the worker's RenderCaseFile job, the CLI's `case` command). */
@Module({ providers: [CaseFileRenderer], exports: [CaseFileRenderer] })
export class CaseFilesModule {}
