import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { HealthController } from './health.controller';

@Module({
  imports: [ConfigModule, PersistenceModule, TerminusModule],
  controllers: [HealthController],
})
export class ApiModule {}
