import type { RegisterReportWaiterInput } from '@spapi-lake/workflows';
import { z } from 'zod';
import { ReportSubscriptionMissingError, WaiterRegistrationInvalidError } from '../errors';
import type { HandlerLogger } from '../handler-logger';
import { errorAttributes } from './error-attributes';
import {
  type RegisterReportWaiterDeps,
  type WaiterRegistration,
  registerReportWaiter,
} from '../use-cases/register-report-waiter';

/** Dependencies of the register-waiter handler. */
export interface RegisterWaiterDeps extends RegisterReportWaiterDeps {
  readonly logger: HandlerLogger;
}

/** The WaitForNotification Lambda: receives `RegisterReportWaiterInput`. */
export type RegisterWaiterHandler = (event: unknown) => Promise<WaiterRegistration>;

const nonEmpty = z.string().min(1);
const inputSchema = z.object({
  taskToken: nonEmpty,
  sellingPartnerId: nonEmpty,
  region: nonEmpty,
  reportId: nonEmpty,
  reportType: nonEmpty,
}) satisfies z.ZodType<RegisterReportWaiterInput>;

/**
 * The `WaitForNotification` task (`lambda:invoke.waitForTaskToken`): stores the task token under
 * its report and returns; when REPORT_PROCESSING_FINISHED came first it sends SendTaskSuccess at
 * once. Step Functions ignores the return value. For a partner without the subscription it sends
 * SendTaskFailure (ReportSubscriptionMissingError, caught to poll) and returns: no Lambda error.
 */
export function createRegisterWaiterHandler(deps: RegisterWaiterDeps): RegisterWaiterHandler {
  return async (event) => {
    try {
      const parsed = inputSchema.safeParse(event);
      if (!parsed.success) {
        // Paths only: the event holds a task token.
        const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(event)');
        throw new WaiterRegistrationInvalidError(
          `WaitForNotification payload is invalid at: ${[...new Set(paths)].join(', ')}`,
        );
      }
      const input = parsed.data;
      const registration = await registerReportWaiter(deps, input);
      const keys = {
        reportId: input.reportId,
        reportType: input.reportType,
        sellingPartnerId: input.sellingPartnerId,
        region: input.region,
      };
      if (registration.subscriptionMissing === true) {
        // Expected until setupSubscriptions has run for the partner: a warning, not an error log,
        // and no throw (a Lambda error would raise the function's Errors alarm).
        deps.logger.warn('no report subscription to wait on: the ingestion polls', {
          ...keys,
          ...errorAttributes(
            new ReportSubscriptionMissingError(input.sellingPartnerId, input.region),
          ),
          result: registration.result,
        });
      } else {
        deps.logger.info('report waiter registered', {
          ...keys,
          resumedAtOnce: registration.resumedAtOnce,
        });
      }
      return registration;
    } catch (error) {
      deps.logger.error('report waiter registration failed', errorAttributes(error));
      throw error;
    }
  };
}
