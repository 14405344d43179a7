/** The tool version written into reports and printed by `shadowbench --version`. */
export const VERSION = '0.1.0';
