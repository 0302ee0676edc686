// The one rule for a call's status lives with the contract, so the renderer applies it too.
export { callStatusOf } from '../../../preload/contract/call-status.js';
