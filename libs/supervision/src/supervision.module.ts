import { Module } from '@nestjs/common';
import { InspectionModule } from '@app/inspection';
import { PersistenceModule } from '@app/persistence';
import { ConsentWatch } from './consent-watch.service';
import { DeadlineWatch } from './deadline-watch.service';
import { IntegritySweep } from './integrity-sweep.service';
import { ReauditFirm } from './reaudit-firm.service';
import { CaseRetention } from './retention.service';
import { StoredFileDigest } from './stored-file-digest';

/**
 * The supervision jobs as plain services the schedule framework calls (the configuration is global, read once
 * at the app's root; the clock is the inspection module's, so one injected clock drives audits and jobs alike).
 */
@Module({
  imports: [PersistenceModule, InspectionModule],
  providers: [StoredFileDigest, IntegritySweep, ReauditFirm, DeadlineWatch, ConsentWatch, CaseRetention],
  exports: [IntegritySweep, ReauditFirm, DeadlineWatch, ConsentWatch, CaseRetention],
})
export class SupervisionModule {}
