/** The wire contract between the UI and the core. Imports nothing outside this folder. */
export * from './errors.js';
export * from './types.js';
export * from './api.js';
