export { relayToHost, RELAY_BUFFER, HOST_WAIT_MS, type Relay, type RelayOptions } from './relay.js';
