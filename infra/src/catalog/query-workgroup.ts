import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { Construct } from 'constructs';
import type { Deployment } from '../stack/deployment';

/** Options of {@link QueryWorkgroup}. */
export interface QueryWorkgroupProps {
  readonly deployment: Deployment;
  readonly resultsBucketName: string;
  readonly lakeKeyArn: string;
  readonly bytesScannedCutoffPerQuery: number;
}

/**
 * The Athena workgroup analysts query in: engine v3, results under `s3://<athena-results>/results/`
 * encrypted with the lake key, and the workgroup's settings enforced over any client's.
 */
export class QueryWorkgroup extends Construct {
  readonly workgroup: AthenaWorkgroup;

  constructor(scope: Construct, id: string, props: QueryWorkgroupProps) {
    super(scope, id);
    const { deployment } = props;
    this.workgroup = new AthenaWorkgroup(this, 'workgroup', {
      name: deployment.name('analytics'),
      description: 'spapi-lake curated datasets',
      state: 'ENABLED',
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${props.resultsBucketName}/results/`,
          expectedBucketOwner: deployment.accountId,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: props.lakeKeyArn },
        },
      },
    });
  }
}
