import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/common';
import { renderProcedureDocument } from '@app/case-files';
import { CaseActorDirectory } from './case-actor-directory';
import { CaseDocumentStore } from './case-document-store';
import { CaseViewService } from './case-view.service';
import { CaseWorkflowService } from './case-workflow.service';
import { ProcedureDocumentRenderer } from './procedure-document-renderer.port';

/** The case workflow and its reads; needs ConfigModule and PersistenceModule in the app. */
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: ProcedureDocumentRenderer, useValue: { render: renderProcedureDocument } },
    CaseActorDirectory,
    CaseDocumentStore,
    CaseWorkflowService,
    CaseViewService,
  ],
  exports: [CaseWorkflowService, CaseViewService, Clock],
})
export class CasesModule {}
