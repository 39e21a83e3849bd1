import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/common';
import { renderProcedureDocument } from '@app/case-files';
import { CaseActorDirectory } from './case-actor-directory';
import { CaseDocumentStore } from './case-document-store';
import { CaseViewService } from './case-view.service';
import { CaseWorkflowService } from './case-workflow.service';
import { ProcedureDocumentRenderer } from './procedure-document-renderer.port';
import { PersistenceModule } from '@app/persistence';

/** The case workflow and its reads (the configuration is global, read once at the app's root). */
@Module({
  imports: [PersistenceModule],
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
