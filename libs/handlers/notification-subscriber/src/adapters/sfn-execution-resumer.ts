import {
  type SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import type {
  ExecutionResumer,
  NotifiedReportStatus,
  ResumeResult,
  TaskFailure,
} from '../execution-resumer';
import { awsFailure } from '@spapi-lake/aws-support';
import { executionControlFailure } from './execution-control-failure';

// The task is no longer waiting: it timed out (the execution went on polling) or its execution ended.
const TASK_GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/**
 * Answers WaitForNotification with SendTaskSuccess or SendTaskFailure (the role needs
 * `states:SendTaskSuccess` and `states:SendTaskFailure`).
 */
export class SfnExecutionResumer implements ExecutionResumer {
  constructor(private readonly client: SFNClient) {}

  async resume(taskToken: string, output: NotifiedReportStatus): Promise<ResumeResult> {
    try {
      await this.client.send(
        new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }),
      );
      return 'resumed';
    } catch (error) {
      if (TASK_GONE.has(awsFailure(error).name)) return 'gone';
      throw executionControlFailure('SendTaskSuccess', error);
    }
  }

  async fail(taskToken: string, failure: TaskFailure): Promise<ResumeResult> {
    try {
      await this.client.send(
        new SendTaskFailureCommand({ taskToken, error: failure.error, cause: failure.cause }),
      );
      return 'resumed';
    } catch (error) {
      if (TASK_GONE.has(awsFailure(error).name)) return 'gone';
      throw executionControlFailure('SendTaskFailure', error);
    }
  }
}
