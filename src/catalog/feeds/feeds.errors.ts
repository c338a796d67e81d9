import { AppError, conflict, notFound } from '../../errors.js';

export const feedUrlNotAllowed = (detail: string): AppError =>
  new AppError({ code: 'feeds.url_not_allowed', status: 400, title: 'This feed address cannot be subscribed to', detail });

export const subscriptionExists = (url: string): AppError => conflict('feeds.subscription_exists', `There is already a subscription to ${url}.`);

export const subscriptionNotFound = (): AppError => notFound('feeds.subscription_not_found', 'There is no such feed subscription.');
