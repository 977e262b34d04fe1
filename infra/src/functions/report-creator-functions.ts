import {
  AppName,
  EnvironmentSource as E,
  type FunctionSpec,
  StateTableName,
} from './function-spec';
import {
  readConfiguration,
  invokeTokenBroker,
  table,
  laneStore,
  spApiCaller,
  curatedObjects,
} from './function-spec-parts';

/** The report-creator functions: createReport and the fan-out's lane bookkeeping. */
export const REPORT_CREATOR_FUNCTIONS: readonly FunctionSpec[] = [
  {
    id: 'create-report',
    app: AppName.ReportCreator,
    exportName: 'createReport',
    description: 'Ingestion: createReport for one window (idempotent per window and attempt)',
    memoryMb: 512,
    // A warm container that spent its createReport burst waits about a minute for a token.
    timeoutSeconds: 180,
    environment: {
      ...spApiCaller,
      REPORT_REQUEST_TABLE: E.ReportRequestTable,
      CURATED_BUCKET: E.CuratedBucket,
    },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      table(StateTableName.ReportRequests, 'GetItem', 'PutItem'),
      // A DONE report the lake keeps uncurated (a record, no manifest) is reused rather than asked
      // for again.
      curatedObjects('read', '_manifests/reports/', '_manifests/uncurated-reports/'),
    ],
  },
  {
    id: 'plan-windows',
    app: AppName.ReportCreator,
    exportName: 'planWindows',
    description: 'Fan-out: due windows of every (partner, report config, marketplace) lane',
    memoryMb: 512,
    timeoutSeconds: 120,
    environment: { PARAMETER_PREFIX: E.ParameterPrefix, LANE_STATE_TABLE: E.LaneStateTable },
    grants: [
      readConfiguration('accounts', 'reportConfigs', 'endpoints'),
      table(StateTableName.LaneStates, 'BatchGetItem'),
    ],
  },
  {
    id: 'claim-window',
    app: AppName.ReportCreator,
    exportName: 'claimWindow',
    description: 'Fan-out: claims a window of a lane (conditional write)',
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { LANE_STATE_TABLE: E.LaneStateTable },
    grants: [laneStore],
  },
  {
    id: 'complete-window',
    app: AppName.ReportCreator,
    exportName: 'completeWindow',
    description: "Fan-out: moves a lane's watermark past a finished window",
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { LANE_STATE_TABLE: E.LaneStateTable },
    grants: [laneStore],
  },
  {
    id: 'record-window-failure',
    app: AppName.ReportCreator,
    exportName: 'recordWindowFailure',
    description: 'Fan-out: counts a failed window attempt and releases its claim',
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { LANE_STATE_TABLE: E.LaneStateTable },
    grants: [laneStore],
  },
];
