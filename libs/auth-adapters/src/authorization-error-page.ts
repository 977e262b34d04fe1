import {
  AuthorizationCodeRejectedError,
  AuthorizationRequestError,
  AuthorizationStateError,
  type AuthorizationStateProblem,
} from '@spapi-lake/auth';
import { isRetryable } from '@spapi-lake/core';
import type { HtmlPage } from './html-page';

const START_AGAIN =
  'Start the authorization again from the page or the Selling Partner Appstore listing that sent you here.';

const STATE_PAGES: Readonly<Record<AuthorizationStateProblem, HtmlPage>> = {
  missing: {
    title: 'This authorization link is incomplete',
    paragraphs: ['The response from Amazon did not carry the state this site needs.', START_AGAIN],
  },
  malformed: {
    title: 'This authorization link is not valid',
    paragraphs: ['The response did not come from an authorization this site started.', START_AGAIN],
  },
  forged: {
    title: 'This authorization link is not valid',
    paragraphs: ['The response did not come from an authorization this site started.', START_AGAIN],
  },
  expired: {
    title: 'The authorization took too long',
    paragraphs: [
      'For your security an authorization must be completed within a few minutes of starting it.',
      START_AGAIN,
    ],
  },
  replayed: {
    title: 'This authorization link was already used',
    paragraphs: [
      'Each authorization can be completed once. If the first attempt succeeded, nothing more is needed.',
      START_AGAIN,
    ],
  },
  'cookie-missing': {
    title: 'Your browser did not keep this site’s cookie',
    paragraphs: [
      'The authorization must be finished in the browser that started it, with cookies allowed for this site.',
      START_AGAIN,
    ],
  },
  'cookie-mismatch': {
    title: 'This authorization was started in another browser',
    paragraphs: ['Finish the authorization in the browser window that started it.', START_AGAIN],
  },
};

/**
 * The status and page shown for a failed authorization request. Messages of our request errors
 * are shown (they hold no secrets); anything unexpected gets a generic page.
 */
export function authorizationErrorPage(error: unknown): { status: number; page: HtmlPage } {
  if (error instanceof AuthorizationStateError) {
    return { status: 400, page: STATE_PAGES[error.problem] };
  }
  if (error instanceof AuthorizationCodeRejectedError) {
    return {
      status: 400,
      page: { title: 'Amazon did not accept the authorization', paragraphs: [error.message] },
    };
  }
  if (error instanceof AuthorizationRequestError) {
    return {
      status: 400,
      page: { title: 'The authorization request is incomplete', paragraphs: [error.message] },
    };
  }
  if (isRetryable(error)) {
    return {
      status: 503,
      page: {
        title: 'The authorization service is busy',
        paragraphs: [
          'A service this site depends on did not answer. Please try again in a few minutes.',
          START_AGAIN,
        ],
      },
    };
  }
  return {
    status: 500,
    page: {
      title: 'The authorization could not be completed',
      paragraphs: [
        'Something went wrong on our side and was logged for the operators.',
        START_AGAIN,
      ],
    },
  };
}
