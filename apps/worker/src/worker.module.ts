import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { InspectionModule } from '@app/inspection';
import { PersistenceModule } from '@app/persistence';
import { BureauSchedulesModule } from './bureau-schedules';

@Module({ imports: [ConfigModule, PersistenceModule, InspectionModule, BureauSchedulesModule] })
export class WorkerModule {}
