/** The public entry of the core library, for the Electron main process and other embedders. */
export * from './contract/index.js';
export { createWorkbenchService, type WorkbenchService, type ServiceOptions } from './host/service.js';
export { dispatch } from './host/dispatch.js';
export { startServer } from './host/server.js';
export { CSP } from './host/http/static.js';
export { ARROW_METHODS, rowPageToIPC } from './host/http/arrowPage.js';
export { packageRoot, rendererDist } from './host/serverRoot.js';
export { VERSION } from './version.js';
