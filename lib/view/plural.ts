/** The pages' counted messages: the one helper at the lib root, shared with the worker. */
export { plural } from '@/lib/plural';
