import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { CollectionModule } from '@app/collection';
import { ConfigModule } from '@app/config';
import { InspectionModule } from '@app/inspection';
import { PersistenceModule } from '@app/persistence';
import { AuditCommand } from './commands/audit.command';
import { CaseCommand, CaseRenderCommand } from './commands/case.command';
import { DemoCommand } from './commands/demo.command';
import {
  DevicesAddCommand,
  DevicesCollectCommand,
  DevicesCommand,
  DevicesListCommand,
  DevicesRemoveCommand,
} from './commands/devices.command';
import {
  EvaluateCommand,
  EvaluateComparisonsCommand,
  EvaluateDatasetCommand,
} from './commands/evaluate.command';
import { FineCommand, RulebooksCommand } from './commands/fine.command';
import {
  IngestCommand,
  IngestDiscardCommand,
  IngestFailedCommand,
  IngestQuarantineCommand,
  IngestVerifyCommand,
} from './commands/ingest.command';
import { InspectCommand } from './commands/inspect.command';
import { KeysCommand, KeysRotateCommand, KeysStatusCommand } from './commands/keys.command';
import { MigrateCommand } from './commands/migrate.command';
import { ReidentifyCommand } from './commands/reidentify.command';
import { ServeCommand } from './commands/serve.command';
import {
  SchedulesCommand,
  SchedulesHistoryCommand,
  SchedulesListCommand,
  SchedulesRunCommand,
} from './commands/schedules.command';
import { BureauSchedulesModule } from '../../worker/src/bureau-schedules';
import {
  TokensCommand,
  TokensCreateCommand,
  TokensListCommand,
  TokensRevokeCommand,
} from './commands/tokens.command';
import { UsersAddCommand, UsersCommand, UsersListCommand } from './commands/users.command';
import { VerifyCommand } from './commands/verify.command';

/** Commands that need no database: they boot without opening (or locking) one. */
export const STANDALONE_COMMANDS = ['fine', 'rulebooks', 'evaluate', 'serve'];

const standalone = [
  FineCommand,
  RulebooksCommand,
  EvaluateCommand,
  EvaluateComparisonsCommand,
  EvaluateDatasetCommand,
  ServeCommand,
];

@Module({ providers: standalone })
export class StandaloneCliModule {}

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    InspectionModule,
    AuthModule,
    CollectionModule,
    BureauSchedulesModule,
  ],
  providers: [
    InspectCommand,
    DemoCommand,
    IngestCommand,
    IngestVerifyCommand,
    IngestQuarantineCommand,
    IngestFailedCommand,
    IngestDiscardCommand,
    AuditCommand,
    CaseCommand,
    CaseRenderCommand,
    MigrateCommand,
    VerifyCommand,
    KeysCommand,
    KeysRotateCommand,
    KeysStatusCommand,
    DevicesCommand,
    DevicesAddCommand,
    DevicesListCommand,
    DevicesRemoveCommand,
    DevicesCollectCommand,
    ReidentifyCommand,
    UsersCommand,
    UsersAddCommand,
    UsersListCommand,
    TokensCommand,
    TokensCreateCommand,
    TokensRevokeCommand,
    TokensListCommand,
    SchedulesCommand,
    SchedulesListCommand,
    SchedulesRunCommand,
    SchedulesHistoryCommand,
    ...standalone,
  ],
})
export class CliModule {}
