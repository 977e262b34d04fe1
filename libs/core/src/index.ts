export { type Clock, systemClock } from './clock';
export { type Random, mathRandom } from './random';
export { TypedError, isRetryable } from './typed-error';
export { splitLines } from './split-lines';
export { daysFromCivil, daysInMonth } from './civil-date';
