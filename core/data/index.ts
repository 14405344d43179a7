/** core/data: the DuckDB workspace. */
export { Workspace, type WorkspaceOptions, type ColumnChunk, type ColumnRequest, type PredictionWriter, type ImportOptions } from './Workspace.js';
export { quoteIdent, quoteString } from './sql.js';
