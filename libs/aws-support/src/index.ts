export { type AwsFailure, awsFailure, describeAwsFailure } from './aws-failure';
