/**
 * `oz-liveness-elements/testing`: the simulator. A fake `OzLiveness` plugin and a fake Oz API that
 * play the other side of the wire, for the demo, Storybook, this kit's tests and integrators' own
 * tests. Everything here is SIMULATED: the `sim_*` error codes, the container format, the session
 * token format and the verdict values are invented, not Oz's. See docs/simulator.md.
 *
 * It shares no code with the elements, on purpose: it must not be able to hide their mistakes.
 */
export { installSimulator, OZ_ACTIONS } from './plugin.js';
export type {
  SimulatorOptions,
  SimulatedOzLiveness,
  SimulatedOpenOptions,
  SimulatedCaptureResult,
  SimulatedBoundingBox,
  SimulatedLandmarks,
  SimulatedAdapterResult,
  SimulatedOzError,
} from './plugin.js';
export { createSimulatedOzApi } from './oz-api.js';
export type { SimulatedOzApiOptions, SimulatedOzApiHandler } from './oz-api.js';
export { SCENARIOS, DEFAULT_SCENARIO, isScenarioName } from './scenarios.js';
export { SCENARIO_INFO } from './scenario-info.js';
export type { ScenarioName, ScenarioSide } from './scenarios.js';
export { DEFAULT_SIMULATOR_KEY, CONTAINER_TYPE } from './container.js';
export { createSimulatedContainer } from './sample-container.js';
export type { SimulatedContainerOptions } from './sample-container.js';
export { SIMULATED_ERROR_CODES } from './user-media.js';
export type { SimulatedErrorCode, PromiseTimeoutOption } from './user-media.js';
