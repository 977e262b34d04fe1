import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { findModelsDir } from '../server/model-registry';

/** Schema files of the notification types the simulator delivers. */
const SCHEMA_FILES: Readonly<Record<string, string>> = {
  REPORT_PROCESSING_FINISHED: 'notification-schema_REPORT_PROCESSING_FINISHED.json',
  LISTINGS_ITEM_STATUS_CHANGE: 'notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json',
  LISTINGS_ITEM_ISSUES_CHANGE: 'notification-schema_LISTINGS_ITEM_ISSUES_CHANGE_v2023-12-13.json',
};

/**
 * Validators of notification messages against the published JSON schemas (draft-07). The
 * LISTINGS_ITEM_STATUS_CHANGE schema's enum says `LISTINGS_ITEM_STATUS_CHANGED` while real messages
 * say `LISTINGS_ITEM_STATUS_CHANGE`: both are accepted.
 */
export function notificationSchemaValidators(
  modelsDir: string = findModelsDir(),
): ReadonlyMap<string, ValidateFunction> {
  const validators = new Map<string, ValidateFunction>();
  for (const [notificationType, file] of Object.entries(SCHEMA_FILES)) {
    const schema = JSON.parse(readFileSync(path.join(modelsDir, file), 'utf8')) as {
      $id?: string;
      properties?: { NotificationType?: { enum?: string[] } };
    };
    const typeEnum = schema.properties?.NotificationType?.enum;
    if (typeEnum?.includes('LISTINGS_ITEM_STATUS_CHANGED') === true) {
      typeEnum.push('LISTINGS_ITEM_STATUS_CHANGE');
    }
    // One ajv per schema: the published files reuse the same placeholder $id.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    delete schema.$id;
    validators.set(notificationType, ajv.compile(schema));
  }
  return validators;
}
