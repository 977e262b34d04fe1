import { ObjectNotFoundError, ObjectStoreRequestError } from '@spapi-lake/lake';

/** Errors of the store, not of the document: they say nothing about why curation fails. */
export const isStoreError = (error: unknown): boolean =>
  error instanceof ObjectNotFoundError || error instanceof ObjectStoreRequestError;
