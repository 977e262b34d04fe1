export {
  startSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from './server/start-simulator';
export type { SimulatedClock } from './server/simulated-clock';
export type { SimulatorCredentials } from './server/credentials';
export type { GroundTruthReader, ReportGroundTruth, ReportSummary } from './server/ground-truth';
export type { RequestLogEntry } from './server/sp-api-dispatch';
export type { FaultConfig, OperationFaults } from './faults/fault-config';
export type { FaultControls, InjectedFaults, InjectedStatus } from './faults/fault-injector';
export type { ReportsConfig } from './world/reports/reports-config';
export type { ReportGenerator } from './world/reports/report-generator';
export {
  GRANTLESS_SCOPES,
  addPartner,
  createWorld,
  defaultWorld,
  type LwaClient,
  type Partner,
  type PartnerInput,
  type World,
} from './world/world';
export { setRotationNotificationEnrollment } from './apis/application-management';
export { RESTRICTED_REPORT_TYPES } from './server/access-rules';
export type {
  DeliveredNotification,
  NotificationBus,
  NotificationFaultCounts,
  NotificationFaults,
  NotificationSink,
} from './notifications/notification-bus';
export type { CatalogEntry } from './catalog/catalog-truth';
export type { ListingRecord } from './catalog/listing-record';
export type {
  ChangeListingInput,
  ListingChange,
  ListingChangeResult,
} from './catalog/change-listing';
