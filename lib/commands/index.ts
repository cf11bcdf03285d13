// The catalogue of remote commands. Nothing else in the app builds a command line.
export { CommandInputError } from "./errors";
export { quoteArg, toShell } from "./quote";
export { commandLine, type CommandContext, type CommandKind, type RemoteCommand } from "./remote-command";
export {
  build,
  currentSystem,
  diffClosures,
  listGenerations,
  pathInfo,
  PATH_INFO_MAX,
  switchGeneration,
  systemActivatedAt,
  validate,
  type FlakeTarget,
} from "./nix-commands";
export { systemFacts } from "./system-commands";
export { deploy, type DeployBase, type DeployOptions } from "./deploy-command";
export { checkDeploy, checkFlake, checkNix, checkSudo, FLAKE_CHECK_SCRIPT } from "./check-commands";
export { benchPrint } from "./bench-commands";
export { killGroupLine, killLeftoverGroup, parseLeftoverOutcome, type LeftoverOutcome } from "./process-commands";
export { journal, systemctlRestart, systemctlShow, type JournalQuery } from "./systemd-commands";
export { evalDeployNodes, evalDeployRemoteBuild, evalHomepage, evalMachines, machinesFunction, serviceOption } from "./nix-eval-commands";
export { GIT_STATE_SCRIPT, gitFastForward, gitFetch, gitState, INCOMING_MAX } from "./git-commands";
export {
  APPLY_LOCK_SCRIPT,
  applyLock,
  flakeLockRead,
  flakeLockSums,
  flakeScratch,
  flakeUpdate,
  inputPath,
  SCRATCH,
  SCRATCH_SCRIPT,
  scratchRemove,
  type ApplyLock,
} from "./flake-update-commands";
export {
  ISO_FACTS_SCRIPT,
  ISO_PRESENCE_SCRIPT,
  ISO_ROOT_DIR,
  isoBuild,
  isoFacts,
  isoPath,
  isoPresence,
  isoRemoveRoot,
  isoRoot,
  isoStoreDelete,
} from "./iso-commands";
