/** The incident register: rows of analysed reports, and what is computed over them (docs/register.md). */
export { buildRegister, compareText, indicatorKey, registerPartsOf, type RegisterPart, type RegisterReuse } from './buildRegister';
export { median, percentile90, quarterOf, severityKey } from './metrics';
export { registerRow, type RowInput } from './reportRow';
export type * from './registerTypes';
export { registerNavigatorLayer, reportName } from './registerNavigator';
