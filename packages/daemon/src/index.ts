// @htcondor-ts/daemon: what every daemon answers (htcondor.send_command, send_alive, RemoteParam), and the shared
// location logic of the daemon clients (Negotiator, Startd, Credd).
export { LocatedDaemon, addressOf, clientFor, type DaemonLocation, type LocatedOptions } from './located.js';
export { sendCommand, sendAlive, type SendCommandOptions, type SendAliveOptions } from './send-command.js';
export { RemoteParam, type ParamInfo, type RemoteParamOptions } from './remote-param.js';
