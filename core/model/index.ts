/** core/model: open ONNX models, read their signature, run them (in a worker thread by default). */
export { readModel, type ModelFile } from './readModel.js';
export {
  createModelRunner, type ModelRunner, type RunnerOptions, type RunCallOptions, type Tensor, type TensorData,
  type TensorElementType,
} from './ModelRunner.js';
export { planRun, type Fetch } from './planRun.js';
export { containerFor, elementCount, formatShape } from './tensor.js';
