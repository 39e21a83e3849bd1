/** Collection from face terminals over their own interfaces (issue 12): register, collect, simulate. */
export { CollectionModule } from './collection.module';
/** Collects one registered terminal now; `endpoints()` lists one schedule target per enabled terminal. */
export { CollectionService } from './collection.service';
export type { CollectionResult } from './collection.service';
/** Registers, lists and removes terminals; re-wraps their sealed credentials for `keys rotate`. */
export { EndpointRegistryService, TERMINAL_PROTOCOLS } from './endpoint-registry.service';
export type { CredentialRewrap, NewTerminal, TerminalProtocol } from './endpoint-registry.service';
export type { EndpointView } from './endpoint-view';
/** A terminal password that prints as `[redacted]`. */
export { DeviceSecret } from './credential-seal';
export { COLLECTION_ERRORS, CollectionError } from './collection.errors';
export type { CollectionErrorCode } from './collection.errors';
/** A loopback face terminal speaking ISAPI AcsEvent search with digest auth (tests, demo, benchmarks). */
export { TerminalSimulator, ACS_EVENT_PATH, FACE_MINORS } from './simulator/terminal-simulator';
export type {
  FaultKind,
  FaultRule,
  SimulatedEvent,
  SimulatorOptions,
  SimulatorRequest,
} from './simulator/terminal-simulator';
/** A loopback Dahua terminal answering recordFinder.cgi with digest auth (tests). */
export {
  DahuaTerminalSimulator,
  DAHUA_FACE_METHOD,
  RECORD_FINDER_PATH,
} from './simulator/dahua-terminal-simulator';
export type {
  DahuaFaultKind,
  DahuaFaultRule,
  DahuaSimulatedRecord,
  DahuaSimulatorOptions,
} from './simulator/dahua-terminal-simulator';
/** The quarter-hourly collection from every registered terminal, for the bureau's schedules. */
export { CollectionSchedule } from './collection.schedule';
/** The demo's simulated terminals: registered by `bioaudit demo`, run by `bioaudit serve`. */
export { DemoTerminals, DEMO_TERMINALS_FILE } from './demo-terminals';
export type { DemoTerminal } from './demo-terminals';
