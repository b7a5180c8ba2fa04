/** Contract of the sandboxed executor: every child process that runs repository code goes through it. */
export interface ExecRequest {
  /** Executable (absolute path, or a name looked up on the sandbox PATH). */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Wall-clock limit; on expiry the whole process group is killed. */
  readonly timeoutMs: number;
  /** Extra variables for this call only, added after the allow-list (never secrets). */
  readonly env?: Readonly<Record<string, string>>;
  /** Cap on each of stdout and stderr, in bytes; head and tail are kept. Default 1 MiB. */
  readonly maxOutputBytes?: number;
  /** Aborting kills the whole process group. */
  readonly signal?: AbortSignal;
  /** Paths the process reads besides the system's and the run's (its checkout); read-only in a sandbox. */
  readonly readPaths?: readonly string[];
  /** Directories the process writes (its output); the only writable host paths in a sandbox. */
  readonly writePaths?: readonly string[];
}

export interface ExecResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** True when stdout or stderr was cut to the cap. */
  readonly outputTruncated: boolean;
  readonly durationMs: number;
  /** Set by the repository guard (src/guard/): repository paths changed while it ran; its results must be discarded. */
  readonly tampered?: readonly string[];
}

export type Executor = (request: ExecRequest) => Promise<ExecResult>;
