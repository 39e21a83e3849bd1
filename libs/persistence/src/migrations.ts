import type { MigrationInterface } from 'typeorm';
import { InitialSchema1764158400000 } from './migrations/1764158400000-initial-schema';
import { BatchEntriesAndChunks1764165600000 } from './migrations/1764165600000-batch-entries-and-chunks';
import { CaptureEventWithoutRowTriggers1764172800000 } from './migrations/1764172800000-capture-event-without-row-triggers';
import { AssessmentVersionsAndCaseDates1764600000000 } from './migrations/1764600000000-assessment-versions-and-case-dates';
import { IngestConflicts1764700000000 } from './migrations/1764700000000-ingest-conflicts';
import { BatchLifeCycle1764800000000 } from './migrations/1764800000000-batch-life-cycle';
import { DeploymentIdentity1764810000000 } from './migrations/1764810000000-deployment-identity';
import { CustodyChain1764820000000 } from './migrations/1764820000000-custody-chain';
import { SubjectIdentity1764830000000 } from './migrations/1764830000000-subject-identity';
import { AccountsAndSessions1764900000000 } from './migrations/1764900000000-accounts-and-sessions';
import { CaseProcedure1764910000000 } from './migrations/1764910000000-case-procedure';
import { InspectionRuns1764920000000 } from './migrations/1764920000000-inspection-runs';
import { ScopeIndexes1764930000000 } from './migrations/1764930000000-scope-indexes';
import { FindingListIndexes1764920001000 } from './migrations/1764920001000-finding-list-indexes';
import { ScheduleRuns1764940000000 } from './migrations/1764940000000-schedule-runs';
import { DeviceEndpoints1764950000000 } from './migrations/1764950000000-device-endpoints';
import { Supervision1764960000000 } from './migrations/1764960000000-supervision';
import { Retention1764970000000 } from './migrations/1764970000000-retention';
import { CaptureEventWritePath1764980000000 } from './migrations/1764980000000-capture-event-write-path';
import { CustodyRunDigests1764985000000 } from './migrations/1764985000000-custody-run-digests';
import { EvaluationRuns1764995000000 } from './migrations/1764995000000-evaluation-runs';

/** Every migration, in order. Listed explicitly: nothing is picked up by a file glob. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1764158400000,
  BatchEntriesAndChunks1764165600000,
  CaptureEventWithoutRowTriggers1764172800000,
  AssessmentVersionsAndCaseDates1764600000000,
  IngestConflicts1764700000000,
  BatchLifeCycle1764800000000,
  DeploymentIdentity1764810000000,
  CustodyChain1764820000000,
  SubjectIdentity1764830000000,
  AccountsAndSessions1764900000000,
  CaseProcedure1764910000000,
  InspectionRuns1764920000000,
  FindingListIndexes1764920001000,
  ScopeIndexes1764930000000,
  ScheduleRuns1764940000000,
  DeviceEndpoints1764950000000,
  Supervision1764960000000,
  Retention1764970000000,
  CaptureEventWritePath1764980000000,
  CustodyRunDigests1764985000000,
  EvaluationRuns1764995000000,
];
