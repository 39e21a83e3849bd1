import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { InspectionModule } from '@app/inspection';
import { PersistenceModule } from '@app/persistence';

@Module({ imports: [ConfigModule, PersistenceModule, InspectionModule] })
export class WorkerModule {}
