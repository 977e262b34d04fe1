import { loadModelRegistry } from './model-registry';
import { SchemaValidators, describeSchemaError, toJsonSchema } from './swagger-schema';

describe('Swagger 2 to JSON Schema', () => {
  it('rewrites definition refs into the model and drops vendor extensions', () => {
    expect(
      toJsonSchema(
        {
          $ref: '#/definitions/Report',
          'x-docgen': 1,
          properties: { 'x-odd': { type: 'string', example: 'e' } },
        },
        'reports',
      ),
    ).toEqual({ $ref: 'reports#/definitions/Report', properties: { 'x-odd': { type: 'string' } } });
  });

  it('validates by model definitions and names the failing field', () => {
    const registry = loadModelRegistry();
    const validators = new SchemaValidators(registry.models);
    const validate = validators.validator('reports', 'report', {
      $ref: '#/definitions/GetReportsResponse',
    });
    expect(validate({ reports: [] })).toBe(true);
    expect(
      validate({
        reports: [
          { reportType: 'X', createdTime: '2026-01-01T00:00:00Z', processingStatus: 'DONE' },
        ],
      }),
    ).toBe(false);
    expect(describeSchemaError(validate, '')).toBe('reports[0].reportId is required');
    expect(
      validate({
        reports: [
          { reportId: '1', reportType: 'X', createdTime: 'soon', processingStatus: 'DONE' },
        ],
      }),
    ).toBe(false);
    expect(describeSchemaError(validate, '')).toBe(
      'reports[0].createdTime must match format "date-time"',
    );
  });
});
