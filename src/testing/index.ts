export { createTagSimulator, type SimulatorOptions, type SimulatorRecord, type TagSimulator } from './simulator.js';
export { CURRENT_SCENARIOS, SCENARIOS, type ScenarioName, type Step } from './scenarios.js';
export { DOCUMENTED_TODAY, type PayloadGeneration } from './payloads.js';
